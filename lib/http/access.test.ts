import { describe, expect, it } from "vitest";
import {
  checkAccess,
  crossSiteReason,
  exposureWarning,
  hostnameOf,
  isHostAllowed,
  isJsonContentType,
  isLoopbackAddress,
  isSignedIn,
  listenAddressFromArgv,
  refusalResponse,
  safeNextPath,
  SIGN_IN_COOKIE,
  signInCookieValue,
  timingSafeEqualStrings,
  type AccessSettings,
} from "./access";
import { parseStudioConfig } from "../config/studio-config";

const accessOf = (env: Record<string, string>) => parseStudioConfig(env).access;

const OPEN: AccessSettings = { allowedHosts: [], accessToken: null };
const TOKEN = "correct horse battery staple";
const LOCKED: AccessSettings = { allowedHosts: [], accessToken: TOKEN };

function req(method: string, pathname: string, headers: Record<string, string> = {}) {
  return { method, pathname, headers: new Headers({ host: "127.0.0.1:3000", ...headers }) };
}

describe("Host", () => {
  it("parses names, ports and IPv6 literals; refuses malformed ones", () => {
    expect(hostnameOf("Example.COM.:3000")).toBe("example.com");
    expect(hostnameOf("[::1]:3000")).toBe("::1");
    expect(hostnameOf("localhost")).toBe("localhost");
    for (const bad of [null, "", "a b", "user@host", "host:port", "[::1", "http://x"]) expect(hostnameOf(bad)).toBeNull();
  });

  it("passes loopback names and IP addresses, refuses other names unless listed", () => {
    for (const h of ["localhost:3000", "LOCALHOST", "studio.localhost:3000", "127.0.0.1:3000", "127.8.9.10", "[::1]:3000", "192.168.1.20:3000", "10.0.0.5"]) {
      expect(isHostAllowed(h, []), h).toBe(true);
    }
    for (const h of ["attacker.example:3000", "localhost.attacker.example", "127.0.0.1.nip.io", "evil", null])
      expect(isHostAllowed(h, []), String(h)).toBe(false);
    expect(isHostAllowed("studio.lan:3000", ["studio.lan"])).toBe(true);
    expect(isHostAllowed("a.studio.example", [".studio.example"])).toBe(true);
    expect(isHostAllowed("studio.example", [".studio.example"])).toBe(true);
    expect(isHostAllowed("evilstudio.example", [".studio.example"])).toBe(false);
    expect(isHostAllowed("anything.example", ["*"])).toBe(true);
  });

  it("reads STUDIO_ALLOWED_HOSTS and STUDIO_ACCESS_TOKEN", () => {
    expect(accessOf({ STUDIO_ALLOWED_HOSTS: " Studio.LAN, .example.com ,", STUDIO_ACCESS_TOKEN: "  t0k  " })).toEqual({
      allowedHosts: ["studio.lan", ".example.com"],
      accessToken: "t0k",
      allowNoToken: false,
    });
    expect(accessOf({ STUDIO_ACCESS_TOKEN: "   " })).toEqual({ allowedHosts: [], accessToken: null, allowNoToken: false });
  });
});

describe("cross-site writes", () => {
  const h = (headers: Record<string, string>) => new Headers({ host: "127.0.0.1:3000", ...headers });

  it("refuses a write whose Origin is another origin or opaque, or that the browser marks cross-site or same-site", () => {
    expect(crossSiteReason("POST", h({ origin: "https://evil.example" }))).toMatch(/evil\.example/);
    expect(crossSiteReason("PUT", h({ origin: "null" }))).toMatch(/opaque/);
    expect(crossSiteReason("DELETE", h({ origin: "http://127.0.0.1:4000" }))).toMatch(/4000/);
    expect(crossSiteReason("PATCH", h({ "sec-fetch-site": "cross-site" }))).toMatch(/cross-site/);
    expect(crossSiteReason("POST", h({ "sec-fetch-site": "same-site" }))).toMatch(/same-site/);
    expect(crossSiteReason("POST", h({ origin: "garbage" }))).toMatch(/malformed/);
  });

  it("lets through same-origin writes, writes from non-browser clients and every read", () => {
    expect(crossSiteReason("POST", h({ origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(crossSiteReason("POST", h({}))).toBeNull();
    expect(crossSiteReason("GET", h({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }))).toBeNull();
    expect(crossSiteReason("POST", new Headers({ host: "studio.example", origin: "https://studio.example" }))).toBeNull();
  });
});

describe("sign-in", () => {
  it("compares in constant time over what was presented", () => {
    expect(timingSafeEqualStrings("abc", "abc")).toBe(true);
    expect(timingSafeEqualStrings("abd", "abc")).toBe(false);
    expect(timingSafeEqualStrings("ab", "abc")).toBe(false);
    expect(timingSafeEqualStrings("abcd", "abc")).toBe(false);
    expect(timingSafeEqualStrings("", "abc")).toBe(false);
    expect(timingSafeEqualStrings("é", "é")).toBe(true);
  });

  it("accepts the token as Bearer or the cookie derived from it, nothing else", async () => {
    const cookie = await signInCookieValue(TOKEN);
    expect(cookie).toMatch(/^[0-9a-f]{64}$/);
    expect(cookie).not.toContain(TOKEN);
    expect(await signInCookieValue("another token")).not.toBe(cookie);
    expect(await isSignedIn(new Headers({ authorization: `Bearer ${TOKEN.replaceAll(" ", "")}` }), TOKEN.replaceAll(" ", ""))).toBe(true);
    expect(await isSignedIn(new Headers({ cookie: `theme=dark; ${SIGN_IN_COOKIE}=${cookie}` }), TOKEN)).toBe(true);
    expect(await isSignedIn(new Headers({ cookie: `${SIGN_IN_COOKIE}=${TOKEN}` }), TOKEN)).toBe(false);
    expect(await isSignedIn(new Headers({ authorization: "Bearer wrong" }), TOKEN)).toBe(false);
    expect(await isSignedIn(new Headers({ authorization: "Basic abc", cookie: "x=1" }), TOKEN)).toBe(false);
    expect(await isSignedIn(new Headers(), TOKEN)).toBe(false);
  });

  it("only ever sends the user back to a path on this site", () => {
    expect(safeNextPath("/s/123?x=1")).toBe("/s/123?x=1");
    for (const bad of [null, "", "https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/sign-in", "/sign-in?next=/", "/a\nb"]) {
      expect(safeNextPath(bad), String(bad)).toBe("/");
    }
  });
});

describe("checkAccess", () => {
  it("refuses a foreign Host first (421), naming the setting", async () => {
    const refusal = await checkAccess(req("GET", "/api/sessions", { host: "attacker.example:3000" }), LOCKED);
    expect(refusal).toMatchObject({ code: "misdirected", status: 421 });
    expect(refusal?.message).toMatch(/attacker\.example:3000.*STUDIO_ALLOWED_HOSTS/);
    expect(await checkAccess(req("GET", "/api/sessions", { host: "studio.lan" }), { ...OPEN, allowedHosts: ["studio.lan"] })).toBeNull();
  });

  it("refuses cross-site writes (403) even with a valid token", async () => {
    const refusal = await checkAccess(
      req("POST", "/api/sessions", { origin: "https://evil.example", "content-type": "text/plain", authorization: `Bearer ${TOKEN}` }),
      LOCKED,
    );
    expect(refusal).toMatchObject({ code: "forbidden", status: 403 });
    expect(refusal?.message).toMatch(/^Cross-site request refused/);
  });

  it("asks for the token when one is set (401), on pages, the API and the engine, but not on the sign-in page", async () => {
    for (const path of ["/", "/s/abc", "/api/sessions", "/engine/v1/models"]) {
      expect(await checkAccess(req("GET", path), LOCKED), path).toMatchObject({ code: "unauthorized", status: 401 });
      expect(await checkAccess(req("GET", path), OPEN), path).toBeNull();
      expect(await checkAccess(req("GET", path, { authorization: `Bearer ${TOKEN}` }), LOCKED), path).toBeNull();
    }
    expect(await checkAccess(req("GET", "/sign-in"), LOCKED)).toBeNull();
    expect(await checkAccess(req("POST", "/api/auth/sign-in", { "content-type": "application/json" }), LOCKED)).toBeNull();
  });

  it("refuses writes to the API and the engine that are not JSON (415): text/plain, forms, none", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", null]) {
      const headers: Record<string, string> = type ? { "content-type": type } : {};
      expect(await checkAccess(req("POST", "/api/sessions", headers), OPEN), String(type)).toMatchObject({ code: "unsupported_media_type", status: 415 });
      expect(await checkAccess(req("PUT", "/engine/v1/chat/completions", headers), OPEN)).toMatchObject({ status: 415 });
    }
    expect(await checkAccess(req("POST", "/api/sessions", { "content-type": "application/json; charset=utf-8" }), OPEN)).toBeNull();
    expect(await checkAccess(req("DELETE", "/api/sessions/x"), OPEN)).toBeNull();
    expect(isJsonContentType("Application/JSON")).toBe(true);
  });
});

describe("refusalResponse", () => {
  it("answers the API with the studio's error JSON, the engine in lmdeploy's flat form, pages in plain text", async () => {
    const refusal = (await checkAccess(req("GET", "/x", { host: "evil.example" }), OPEN))!;
    const api = refusalResponse(refusal, req("GET", "/api/sessions"));
    expect(api.status).toBe(421);
    expect(await api.json()).toEqual({ error: { code: "misdirected", message: refusal.message } });
    const engine = refusalResponse(refusal, req("POST", "/engine/v1/chat/completions"));
    expect(await engine.json()).toMatchObject({ object: "error", code: 421, message: refusal.message });
    const page = refusalResponse(refusal, req("GET", "/"));
    expect(page.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await page.text()).toContain("STUDIO_ALLOWED_HOSTS");
  });

  it("sends a page that lacks the sign-in to the sign-in page, and back afterwards", async () => {
    const refusal = (await checkAccess(req("GET", "/s/abc"), LOCKED))!;
    const page = refusalResponse(refusal, { ...req("GET", "/s/abc"), search: "?x=1" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/sign-in?next=%2Fs%2Fabc%3Fx%3D1");
    expect(refusalResponse(refusal, req("GET", "/")).headers.get("location")).toBe("/sign-in");
    const api = refusalResponse(refusal, req("GET", "/api/sessions"));
    expect(api.status).toBe(401);
    expect(api.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });
});

describe("listening on the network", () => {
  it("reads the last -H / --hostname, else every interface", () => {
    expect(listenAddressFromArgv(["node", "next", "start", "-H", "127.0.0.1"])).toBe("127.0.0.1");
    expect(listenAddressFromArgv(["next", "start", "--hostname=0.0.0.0"])).toBe("0.0.0.0");
    expect(listenAddressFromArgv(["next", "start", "-H", "127.0.0.1", "-H", "0.0.0.0"])).toBe("0.0.0.0");
    expect(listenAddressFromArgv(["next", "start"])).toBeNull();
    expect(isLoopbackAddress("127.0.0.1")).toBe(true);
    expect(isLoopbackAddress("[::1]")).toBe(true);
    expect(isLoopbackAddress("0.0.0.0")).toBe(false);
    expect(isLoopbackAddress(null)).toBe(false);
  });

  it("warns when open to the network without a token, unless told not to", () => {
    expect(exposureWarning("127.0.0.1", accessOf({}))).toBeNull();
    expect(exposureWarning("0.0.0.0", accessOf({}))).toMatch(/every network interface.*STUDIO_ACCESS_TOKEN.*STUDIO_ALLOW_NO_TOKEN=1/);
    expect(exposureWarning(null, accessOf({}))).toMatch(/every network interface/);
    expect(exposureWarning("192.168.1.4", accessOf({}))).toMatch(/listens on 192\.168\.1\.4/);
    expect(exposureWarning("0.0.0.0", accessOf({ STUDIO_ACCESS_TOKEN: "t" }))).toBeNull();
    expect(exposureWarning("0.0.0.0", accessOf({ STUDIO_ALLOW_NO_TOKEN: "1" }))).toBeNull();
  });
});
