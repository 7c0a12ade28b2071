/**
 * Sign-in for shared use (STUDIO_ACCESS_TOKEN): the sign-in page posts the token here; a match
 * sets an HttpOnly, SameSite=Strict cookie that the access rules accept on every page and
 * route (its value is derived from the token, not the token itself). A wrong token is a 401,
 * answered after a short pause so guessing is slow.
 */
import { z } from "zod";
import { studioConfig } from "../config/studio-config";
import { ACCESS_ENV, SIGN_IN_COOKIE, SIGN_IN_MAX_AGE_S, signInCookieValue, timingSafeEqualStrings } from "../http/access";
import { StudioError } from "../http/errors";
import { parseJsonRequest } from "../http/json-request";
import { LIMITS } from "../http/limits";

const signInSchema = z
  .object({ token: z.string({ message: "token must be a string" }).max(LIMITS.accessTokenChars, { message: "token is too long" }) })
  .strict();

const WRONG_TOKEN_PAUSE_MS = 400;

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0].trim() === "https";
}

function cookie(request: Request, value: string, maxAge: number): string {
  return [`${SIGN_IN_COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Strict", `Max-Age=${maxAge}`, ...(isHttps(request) ? ["Secure"] : [])].join("; ");
}

export async function signInRoute(request: Request): Promise<Response> {
  const { token } = await parseJsonRequest(request, signInSchema, LIMITS.signInBodyBytes);
  const expected = studioConfig().access.accessToken;
  if (!expected)
    throw new StudioError("bad_request", `This studio has no access token (${ACCESS_ENV.accessToken} is not set): there is nothing to sign in to.`);
  if (!timingSafeEqualStrings(token.trim(), expected)) {
    await new Promise((resolve) => setTimeout(resolve, WRONG_TOKEN_PAUSE_MS));
    throw new StudioError("unauthorized", "That is not this studio's access token.");
  }
  return new Response(null, {
    status: 204,
    headers: { "set-cookie": cookie(request, await signInCookieValue(expected), SIGN_IN_MAX_AGE_S), "cache-control": "no-store" },
  });
}

export function signOutRoute(request: Request): Response {
  return new Response(null, { status: 204, headers: { "set-cookie": cookie(request, "", 0), "cache-control": "no-store" } });
}
