// The npm registry reachable from these machines lacks some platform-specific optional
// packages (e.g. @next/swc-darwin-arm64 at our version), so npm leaves them out of
// package-lock.json and `npm ci` then refuses the lock as out of sync. This adds an entry
// for each such package (version from its parent's optionalDependencies); `npm ci` skips
// them on this platform as it does any optional package for another OS or CPU.
// Run after `npm install` changes the lock: `node scripts/npm/fix-lockfile.mjs`.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

function missingFromLock() {
  const run = spawnSync("npm", ["ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund"], {
    encoding: "utf8",
  });
  return [...`${run.stdout}${run.stderr}`.matchAll(/Missing: (.+?)@\S* from lock file/g)].map((m) => m[1]);
}

for (let round = 0; round < 5; round++) {
  const missing = missingFromLock();
  if (missing.length === 0) {
    console.log("package-lock.json is complete for npm ci");
    process.exit(0);
  }
  const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
  for (const name of missing) {
    const spec = Object.values(lock.packages).find((entry) => entry.optionalDependencies?.[name])?.optionalDependencies[
      name
    ];
    if (!spec) throw new Error(`${name} is missing from the lock and is not an optional dependency`);
    lock.packages[`node_modules/${name}`] = { version: spec.replace(/^[\^~=]/, ""), optional: true };
  }
  writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`added ${missing.length} optional package entries`);
}
throw new Error("package-lock.json still incomplete after 5 rounds");
