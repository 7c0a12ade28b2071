import { afterEach, describe, expect, it, vi } from "vitest";
import { signInRoute, signOutRoute } from "./auth-routes";
import { checkAccess } from "../http/access";
import { studioConfig } from "../config/studio-config";
import { handleRoute } from "../http/json-request";

const TOKEN = "a-long-random-studio-token";

function signIn(token: unknown, url = "http://127.0.0.1:3000/api/auth/sign-in", headers: Record<string, string> = {}): Promise<Response> {
  return handleRoute(() =>
    signInRoute(new Request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ token }) })),
  );
}

afterEach(() => vi.unstubAllEnvs());

describe("sign-in", () => {
  it("sets an HttpOnly, SameSite=Strict cookie for the right token, which then opens every route", async () => {
    vi.stubEnv("STUDIO_ACCESS_TOKEN", TOKEN);
    const res = await signIn(TOKEN);
    expect(res.status).toBe(204);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^introsvg_studio_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=2592000$/);
    expect(cookie).not.toContain(TOKEN);
    const pair = cookie.split(";")[0];
    const headers = new Headers({ host: "127.0.0.1:3000", cookie: pair });
    expect(await checkAccess({ method: "GET", pathname: "/api/sessions", headers }, studioConfig().access)).toBeNull();
    // Changing the token signs everybody out.
    vi.stubEnv("STUDIO_ACCESS_TOKEN", "another-token");
    expect(await checkAccess({ method: "GET", pathname: "/api/sessions", headers }, studioConfig().access)).toMatchObject({ status: 401 });
  });

  it("marks the cookie Secure behind https", async () => {
    vi.stubEnv("STUDIO_ACCESS_TOKEN", TOKEN);
    expect((await signIn(TOKEN, "https://studio.example/api/auth/sign-in")).headers.get("set-cookie")).toMatch(/; Secure$/);
    expect((await signIn(TOKEN, undefined, { "x-forwarded-proto": "https" })).headers.get("set-cookie")).toMatch(/; Secure$/);
  });

  it("refuses a wrong token with 401, after a pause, and sets nothing", async () => {
    vi.stubEnv("STUDIO_ACCESS_TOKEN", TOKEN);
    const started = performance.now();
    const res = await signIn("guess");
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "That is not this studio's access token." } });
  });

  it("says there is nothing to sign in to when no token is set; checks the body", async () => {
    expect((await signIn(TOKEN)).status).toBe(400);
    vi.stubEnv("STUDIO_ACCESS_TOKEN", TOKEN);
    expect((await signIn(42)).status).toBe(400);
    expect((await signIn("x".repeat(1001))).status).toBe(413);
  });

  it("signs out by expiring the cookie", () => {
    expect(signOutRoute(new Request("http://127.0.0.1:3000/api/auth/sign-out", { method: "POST" })).headers.get("set-cookie")).toMatch(
      /^introsvg_studio_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/,
    );
  });
});
