/**
 * The first thing every page and API call meets (Next.js 16's proxy, formerly middleware):
 * the access rules of lib/http/access.ts — Host (DNS rebinding), cross-site writes, the
 * sign-in when STUDIO_ACCESS_TOKEN is set, JSON only — with the settings lib/config read from
 * the environment. A refused page that only lacks the sign-in is sent to
 * /sign-in; every other refusal is a 4xx that says what to do.
 *
 * Pages run through here whatever they carry. API and engine requests run through here when
 * they carry no body; one with a body goes straight to its route, which runs the same rules
 * before reading it (lib/routes/access-route.ts) — a proxy would make Next.js read the whole
 * body into memory first, before any cap could apply. Next's own assets (/_next/static,
 * /_next/image) are left alone.
 */
import { NextResponse, type NextRequest } from "next/server";
import { studioConfig } from "./lib/config/studio-config";
import { checkAccess, refusalResponse } from "./lib/http/access";

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  const access = { method: request.method, pathname, search, headers: request.headers };
  const refusal = await checkAccess(access, studioConfig().access);
  if (!refusal) return NextResponse.next();
  const response = refusalResponse(refusal, access);
  const location = response.headers.get("location");
  // Next.js wants an absolute Location here; it sends it on relative to whatever Host was used.
  if (location) return NextResponse.redirect(new URL(location, request.url), response.status);
  return response;
}

// Literal values only: Next.js reads the matcher at build time.
export const config = {
  matcher: [
    "/((?!api/|engine/|_next/static/|_next/image).*)",
    {
      source: "/api/:path*",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    {
      source: "/engine/:path*",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
