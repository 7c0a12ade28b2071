/**
 * Who may reach the studio, decided in one pure function (`checkAccess`) that the Next.js proxy
 * (proxy.ts), every route and the standalone engine server all run before anything else:
 *
 *  1. Host: a loopback name (localhost, *.localhost), an IP address, or a name listed in
 *     STUDIO_ALLOWED_HOSTS. Anything else is refused (421): a DNS-rebinding page reaches the
 *     studio under its own name, never under one of these.
 *  2. Cross-site writes: a state-changing request (POST, PUT, PATCH, DELETE) whose Origin is
 *     another origin, or whose Sec-Fetch-Site says cross-site or same-site, is refused (403).
 *     Requests without either header are not from a browser page (curl, the `openai` package,
 *     the studio's own server calling its engine) and pass.
 *  3. Sign-in: with STUDIO_ACCESS_TOKEN set, every page and route but the sign-in page asks
 *     for the sign-in cookie or `Authorization: Bearer <token>` (401; pages redirect to
 *     /sign-in).
 *  4. JSON only: a POST, PUT or PATCH to the API or the engine must say
 *     `Content-Type: application/json` (415), so no HTML form and no "simple" cross-site
 *     request can carry one.
 *
 * Pure (Web Request, Headers, crypto.subtle): runs in the proxy, in routes and in node:http.
 */
import { StudioError } from "./errors";

export const ACCESS_ENV = {
  allowedHosts: "STUDIO_ALLOWED_HOSTS",
  accessToken: "STUDIO_ACCESS_TOKEN",
  /** Set to 1 to listen on the network without a token, on purpose: silences the start-up warning. */
  noToken: "STUDIO_ALLOW_NO_TOKEN",
} as const;

/** Read from the environment by lib/config (studioConfig().access). */
export interface AccessSettings {
  /** Extra Host names (STUDIO_ALLOWED_HOSTS, comma-separated): "studio.lan", ".example.com" (it and its subdomains), or "*". */
  allowedHosts: readonly string[];
  /** STUDIO_ACCESS_TOKEN; null: no sign-in. */
  accessToken: string | null;
}

/* ---------- Host ---------- */

/** "Example.COM.:3000" → "example.com"; "[::1]:3000" → "::1"; null for a malformed Host. */
export function hostnameOf(host: string | null): string | null {
  if (!host) return null;
  const h = host.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s/@]+)(?::(\d{1,5}))?$/.exec(h);
  if (!m) return null;
  const name = m[1].startsWith("[") ? m[1].slice(1, -1) : m[1].replace(/\.$/, "");
  return name || null;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIpAddress(name: string): boolean {
  return IPV4.test(name) || (name.includes(":") && /^[0-9a-f:.]+$/.test(name));
}

/**
 * Loopback names and IP addresses always pass (a rebinding attack needs a DNS name of the
 * attacker's; a page reached by IP address is the studio's own origin), as do the listed names.
 */
export function isHostAllowed(host: string | null, allowedHosts: readonly string[]): boolean {
  const name = hostnameOf(host);
  if (!name) return false;
  if (name === "localhost" || name.endsWith(".localhost") || isIpAddress(name)) return true;
  return allowedHosts.some(
    (allowed) => allowed === "*" || allowed === name || (allowed.startsWith(".") && (name === allowed.slice(1) || name.endsWith(allowed))),
  );
}

/* ---------- Cross-site ---------- */

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Why a state-changing request is cross-site, or null when it is not (or is not a write). */
export function crossSiteReason(method: string, headers: Headers): string | null {
  if (!STATE_CHANGING.has(method.toUpperCase())) return null;
  const site = headers.get("sec-fetch-site")?.toLowerCase();
  if (site === "cross-site" || site === "same-site") return `the browser marked it ${site} (Sec-Fetch-Site)`;
  const origin = headers.get("origin");
  if (origin === null) return null;
  if (origin === "null") return "it comes from an opaque origin (Origin: null)";
  let originHost: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== "http:" && url.protocol !== "https:") return `it comes from ${origin}`;
    originHost = url.host.toLowerCase();
  } catch {
    return "its Origin header is malformed";
  }
  const host = headers.get("host")?.trim().toLowerCase() ?? "";
  return originHost === host || originHost === host.replace(/:(80|443)$/, "") ? null : `it comes from ${origin}, not from this studio's pages`;
}

/* ---------- JSON ---------- */

export function isJsonContentType(value: string | null): boolean {
  return value !== null && /^application\/json\s*(;|$)/i.test(value.trim());
}

/* ---------- Sign-in ---------- */

export const SIGN_IN_COOKIE = "introsvg_studio_session";
/** How long a sign-in lasts (the cookie's Max-Age). */
export const SIGN_IN_MAX_AGE_S = 30 * 24 * 60 * 60;
export const SIGN_IN_PATH = "/sign-in";
export const SIGN_IN_API = "/api/auth/sign-in";

/**
 * Compares what a client presented with the secret, in time that depends on the length of what
 * was presented only: never on the secret, nor on where the two first differ.
 */
export function timingSafeEqualStrings(presented: string, secret: string): boolean {
  const x = new TextEncoder().encode(presented);
  const y = new TextEncoder().encode(secret);
  let diff = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ (y[i] ?? 0);
  return diff === 0;
}

/**
 * The sign-in cookie's value: an HMAC of a fixed label under the token, so the cookie is not
 * the token itself, and changing the token signs everybody out.
 */
export async function signInCookieValue(token: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(token), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode("introsvg-studio sign-in v1")));
  let hex = "";
  for (const b of mac) hex += b.toString(16).padStart(2, "0");
  return hex;
}

function cookieNamed(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return null;
}

/** The token as a Bearer credential, or the sign-in cookie. */
export async function isSignedIn(headers: Headers, token: string): Promise<boolean> {
  const bearer = /^Bearer\s+(.+?)\s*$/i.exec(headers.get("authorization") ?? "")?.[1];
  if (bearer !== undefined) return timingSafeEqualStrings(bearer, token);
  const cookie = cookieNamed(headers.get("cookie"), SIGN_IN_COOKIE);
  return cookie !== null && timingSafeEqualStrings(cookie, await signInCookieValue(token));
}

/** Where to go after signing in: a path on this site, never another origin. */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || raw.length > 2000 || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\") || /[\u0000-\u001f\\]/.test(raw)) return "/";
  if (raw === SIGN_IN_PATH || raw.startsWith(`${SIGN_IN_PATH}?`)) return "/";
  return raw;
}

/* ---------- The decision ---------- */

/** The studio's metrics, in Prometheus' text format (app/metrics/route.ts). */
export const METRICS_PATH = "/metrics";

export type PathKind = "api" | "engine" | "page";

export function pathKind(pathname: string): PathKind {
  if (pathname === "/api" || pathname.startsWith("/api/")) return "api";
  if (pathname === "/engine" || pathname.startsWith("/engine/")) return "engine";
  // Read by Prometheus, not a person: refused with a 401 that names the Bearer token, never sent to the sign-in page.
  if (pathname === METRICS_PATH) return "api";
  return "page";
}

/** Reachable without signing in (the Host and cross-site rules still apply). */
function isPublic(pathname: string): boolean {
  return pathname === SIGN_IN_PATH || pathname === SIGN_IN_API || pathname === "/icon.svg" || pathname === "/favicon.ico";
}

export interface AccessRequest {
  method: string;
  /** The request's path (no origin needed: the Host header is what counts). */
  pathname: string;
  headers: Headers;
}

/** The refusal for a request, or null to let it through. Order: Host, cross-site, sign-in, JSON. */
export async function checkAccess(request: AccessRequest, settings: AccessSettings): Promise<StudioError | null> {
  const { headers, pathname } = request;
  const method = request.method.toUpperCase();
  const host = headers.get("host");
  if (!isHostAllowed(host, settings.allowedHosts)) {
    return new StudioError(
      "misdirected",
      `This studio does not answer to the host "${host ?? ""}". To reach it by that name, list the name in ${ACCESS_ENV.allowedHosts} ` +
        `(comma-separated) and restart it; localhost and IP addresses always work.`,
    );
  }
  const crossSite = crossSiteReason(method, headers);
  if (crossSite) {
    return new StudioError("forbidden", `Cross-site request refused: ${crossSite}. The studio only accepts changes from its own pages.`);
  }
  if (settings.accessToken && !isPublic(pathname) && !(await isSignedIn(headers, settings.accessToken))) {
    return new StudioError(
      "unauthorized",
      `Sign in first: this studio asks for its access token (${ACCESS_ENV.accessToken}). Open it in a browser and sign in, ` +
        "or send the token as `Authorization: Bearer <token>`.",
    );
  }
  if ((method === "POST" || method === "PUT" || method === "PATCH") && pathKind(pathname) !== "page" && !isJsonContentType(headers.get("content-type"))) {
    return new StudioError("unsupported_media_type", "Send the request body as JSON, with `Content-Type: application/json`.");
  }
  return null;
}

/**
 * A refusal as the client expects it: the studio's error JSON on /api, the engine's flat
 * (lmdeploy) error on /engine, and plain text for a page — or, for a page that only lacks the
 * sign-in, a redirect to the sign-in page that comes back here afterwards.
 */
export function refusalResponse(refusal: StudioError, request: AccessRequest & { search?: string }, kind: PathKind = pathKind(request.pathname)): Response {
  const method = request.method.toUpperCase();
  if (kind === "page" && refusal.code === "unauthorized" && (method === "GET" || method === "HEAD")) {
    const next = safeNextPath(`${request.pathname}${request.search ?? ""}`);
    const location = next === "/" ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`;
    return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
  }
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (refusal.code === "unauthorized") headers["www-authenticate"] = 'Bearer realm="IntroSVG Studio"';
  if (kind === "api") return Response.json({ error: refusal.toJSON() }, { status: refusal.status, headers });
  if (kind === "engine") {
    const type = refusal.code === "unauthorized" ? "authentication_error" : "invalid_request_error";
    return Response.json({ object: "error", message: refusal.message, type, param: null, code: refusal.status }, { status: refusal.status, headers });
  }
  return new Response(`${refusal.message}\n`, { status: refusal.status, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
}

/* ---------- Listening on the network ---------- */

/**
 * The address `next start` / `next dev` was told to listen on (-H / --hostname; the last one
 * wins, as `npm start -- -H 0.0.0.0` adds a second), or null: every interface (Next's default).
 */
export function listenAddressFromArgv(argv: readonly string[]): string | null {
  let address: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if ((a === "-H" || a === "--hostname") && argv[i + 1]) address = argv[++i];
    else {
      const m = /^(?:-H|--hostname)=(.+)$/.exec(a);
      if (m) address = m[1];
    }
  }
  return address;
}

export function isLoopbackAddress(address: string | null): boolean {
  if (address === null) return false;
  const a = address
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return a === "localhost" || a.endsWith(".localhost") || a === "::1" || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/** The start-up warning for a studio (or engine) open to the network with no token, or null. */
export function exposureWarning(
  address: string | null,
  settings: Pick<AccessSettings, "accessToken"> & { allowNoToken: boolean },
  what = "The studio",
  risk = "read, change and delete its sessions and use its upstream",
): string | null {
  if (isLoopbackAddress(address)) return null;
  if (settings.accessToken) return null;
  if (settings.allowNoToken) return null;
  const where = address === null || address === "0.0.0.0" || address === "::" ? "every network interface" : address;
  return (
    `Warning: ${what} listens on ${where} with no access token: anyone who can reach this machine can ${risk}. Set ${ACCESS_ENV.accessToken} to ask for a token (README, "Sharing on a network"), ` +
    `or set ${ACCESS_ENV.noToken}=1 if this network is trusted.`
  );
}
