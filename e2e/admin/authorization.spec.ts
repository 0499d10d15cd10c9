import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { db } from "../../lib/db/client";
import { cookieFor, operatorId, plainUser } from "./fixtures";

// Every page, server action and route of the operator console answers "not found" to a
// signed-in user who is not a platform administrator: someone with no workspace, and a
// workspace owner. Positive control: the bootstrap administrator passes each time. The
// actions are every server action of the build whose module lies under app/admin/ (read from
// the build's server-reference manifest), the routes every route file under app/api/admin/,
// so one added later is covered without touching this file.

// Playwright runs from the repository root (playwright.config.ts).
const ROOT = process.cwd();
const DIST = path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next");
const NOT_FOUND = "That page was not found.";
const PAGES = ["/admin", "/admin/users", "/admin/audit", "/admin/admins"];

interface AdminAction {
  id: string;
  name: string;
  /** A page whose bundle carries the action, to post it to. */
  page: string;
}

/** app/admin/users/[id]/page → /admin/users/x */
function pathOf(worker: string): string {
  return `/${worker.replace(/^app\//, "").replace(/\/page$/, "")}`.replace(/\[[^\]]+\]/g, "x");
}

function adminActions(): AdminAction[] {
  const manifest = JSON.parse(readFileSync(path.join(DIST, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node)
    .filter(([, entry]) => entry.filename?.startsWith("app/admin/"))
    .map(([id, entry]) => {
      const worker = Object.keys(entry.workers)[0]!;
      return { id, name: `${entry.filename}#${entry.exportedName ?? id}`, page: pathOf(worker) };
    });
}

function adminRoutes(): { path: string; methods: string[] }[] {
  const base = path.join(ROOT, "app/api/admin");
  const found: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
        const route = `/${path.relative(path.join(ROOT, "app"), dir)}`.replace(/\[[^\]]+\]/g, "x");
        found.push({ path: route, methods });
      }
    }
  };
  walk(base);
  return found;
}

/** Calls a server action as the browser does (a POST with its id); returns the response text. */
async function callAction(request: APIRequestContext, baseURL: string, action: AdminAction, cookie: string) {
  const response = await request.post(`${baseURL}${action.page}`, {
    headers: {
      cookie,
      origin: baseURL,
      "next-action": action.id,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
    },
    // (previous state, input): a string is no form, so an action that gets past the guard
    // refuses it as invalid input and changes nothing.
    data: JSON.stringify([null, "canopy-authorization-probe"]),
    maxRedirects: 0,
  });
  return response.text();
}

test.describe("the operator console refuses everyone but platform administrators", () => {
  let people: { who: string; userId: string; cookie: string }[];
  const started = new Date();
  let operatorCookie: string;

  test.beforeAll(async ({ baseURL }) => {
    const plain = await plainUser();
    // A workspace owner: alice's personal workspace, as sign-in made it, or a fresh owner.
    const owner = await db().membership.findFirst({ where: { role: "OWNER" }, select: { userId: true } });
    expect(owner, "some workspace owner exists").not.toBeNull();
    people = [
      { who: "a signed-in user", userId: plain.id, cookie: await cookieFor(plain.id, baseURL!) },
      { who: "a workspace owner", userId: owner!.userId, cookie: await cookieFor(owner!.userId, baseURL!) },
    ];
    operatorCookie = await cookieFor(await operatorId(), baseURL!);
  });

  test("pages", async ({ request, baseURL }) => {
    for (const page of PAGES) {
      for (const { who, cookie } of people) {
        const response = await request.get(`${baseURL}${page}`, { headers: { cookie }, maxRedirects: 0 });
        expect(response.status(), `${who}: ${page}`).toBe(404);
        expect(await response.text(), `${who}: ${page}`).not.toContain("Operator console");
      }
      const allowed = await request.get(`${baseURL}${page}`, { headers: { cookie: operatorCookie }, maxRedirects: 0 });
      expect(allowed.status(), `administrator: ${page}`).toBe(200);
      expect(await allowed.text()).toContain("Operator console");
    }
  });

  test("server actions", async ({ request, baseURL }) => {
    const actions = adminActions();
    expect(actions.map((a) => a.name)).toEqual(
      expect.arrayContaining([
        "app/admin/users/actions.ts#disableUserAction",
        "app/admin/admins/actions.ts#grantPlatformAdminAction",
      ]),
    );
    for (const action of actions) {
      for (const { who, cookie } of people) {
        const body = await callAction(request, baseURL!, action, cookie);
        expect(body, `${who}: ${action.name}`).toContain(`"message":"${NOT_FOUND}"`);
      }
      const body = await callAction(request, baseURL!, action, operatorCookie);
      expect(body, `administrator: ${action.name}`).not.toContain(NOT_FOUND);
      expect(body, `administrator: ${action.name}`).toContain('"message":"Please correct the highlighted fields."');
    }
  });

  test("routes", async ({ request, baseURL }) => {
    const routes = adminRoutes();
    expect(routes.map((r) => r.path)).toContain("/api/admin/audit/export");
    for (const route of routes) {
      for (const method of route.methods) {
        const call = (cookie: string) =>
          request.fetch(`${baseURL}${route.path}`, { method, headers: { cookie, origin: baseURL! }, maxRedirects: 0 });
        for (const { who, cookie } of people) {
          const response = await call(cookie);
          expect(response.status(), `${who}: ${method} ${route.path}`).toBe(404);
          expect(await response.json()).toMatchObject({ error: NOT_FOUND });
        }
        const allowed = await call(operatorCookie);
        expect(allowed.status(), `administrator: ${method} ${route.path}`).not.toBe(404);
        expect(allowed.status()).toBeLessThan(500);
      }
    }
  });

  test("each refusal is in the platform audit log", async () => {
    for (const { who, userId } of people) {
      const denied = await db().platformAuditEvent.findMany({
        where: { actorId: userId, outcome: "DENIED", createdAt: { gte: started } },
        select: { action: true },
      });
      // Every page (through the layout's guard, page guard too), action and route refused above.
      expect(denied.filter((d) => d.action === "platform.read").length, who).toBeGreaterThanOrEqual(PAGES.length);
      expect(
        denied.some((d) => d.action === "platform.users.write"),
        who,
      ).toBe(true);
    }
    const operatorDenied = await db().platformAuditEvent.count({
      where: {
        actorId: await operatorId(),
        outcome: "DENIED",
        action: { startsWith: "platform." },
        createdAt: { gte: started },
      },
    });
    expect(operatorDenied).toBe(0);
  });
});
