// Another portal process taking tokens from one rate-limit bucket, for the test that proves
// the limits hold across processes. Prints how many of its attempts were allowed.
// Usage: rate-limit-child.ts <key> <capacity> <window seconds> <attempts>
import { loadStackEnv } from "./stack-env";

loadStackEnv();
const [key, capacity, windowSeconds, attempts] = process.argv.slice(2);
const { takeToken } = await import("../../lib/rate-limits/take-token");
const { db } = await import("../../lib/db/client");

const limit = { capacity: Number(capacity), windowSeconds: Number(windowSeconds) };
const results = await Promise.all(Array.from({ length: Number(attempts) }, () => takeToken(key!, limit)));
console.log(JSON.stringify({ allowed: results.filter((r) => r.allowed).length }));
await db().$disconnect();
