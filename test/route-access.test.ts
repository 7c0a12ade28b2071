/**
 * Every route runs the access rules before anything else: each exported handler of every
 * app/**\/route.ts is called with a forged Host, a cross-site write and (with a token set) no
 * sign-in, and must refuse — so a route added without `guarded(...)` fails here.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

/** "app/api/sessions/[id]/route.ts" → "/api/sessions/x". */
function urlPath(file: string): string {
  return (
    "/" +
    path
      .relative(path.join(ROOT, "app"), path.dirname(file))
      .split(path.sep)
      .map((s) => (s.startsWith("[") ? "x" : s))
      .join("/")
  );
}

const context = { params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000", index: "1", path: ["models"] }) };

type Handler = (request: Request, context: unknown) => Promise<Response>;

const files = routeFiles(path.join(ROOT, "app"));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("every route is guarded", () => {
  it("finds the routes", () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  for (const file of files) {
    const where = urlPath(file);
    it(`${where}: forged Host 421, cross-site write 403, no sign-in 401`, async () => {
      const mod = (await import(file)) as Partial<Record<(typeof METHODS)[number], Handler>>;
      const handlers = METHODS.filter((m) => typeof mod[m] === "function");
      expect(handlers.length, where).toBeGreaterThan(0);
      for (const method of handlers) {
        const body = method === "GET" || method === "OPTIONS" ? undefined : "{}";
        const call = (headers: Record<string, string>) => mod[method]!(new Request(`http://127.0.0.1:3000${where}`, { method, headers, body }), context);
        expect((await call({ host: "attacker.example:3000", "content-type": "application/json" })).status, `${method} ${where}`).toBe(421);
        if (method !== "GET" && method !== "OPTIONS") {
          const crossSite = await call({ host: "127.0.0.1:3000", origin: "https://evil.example", "content-type": "text/plain" });
          expect(crossSite.status, `${method} ${where}`).toBe(403);
        }
        vi.stubEnv("STUDIO_ACCESS_TOKEN", "route-test-token");
        const expected = where === "/api/auth/sign-in" ? 400 : 401; // the sign-in route is open: an empty token is a bad request
        expect((await call({ host: "127.0.0.1:3000", "content-type": "application/json" })).status, `${method} ${where}`).toBe(expected);
        vi.unstubAllEnvs();
      }
    });
  }
});
