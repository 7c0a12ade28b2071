/**
 * Upstream server URLs (INFERENCE_BASE_URL and the other servers' settings, a profiles file's
 * `baseURL`): never with credentials in them — a URL is shown in logs and messages, a key is
 * not — and shown in messages as scheme, host and port only.
 */

/** True for a URL with `user:password@` (or just `user@`) in it. */
export function hasUserInfo(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== "" || u.password !== "";
  } catch {
    return false;
  }
}

/** The refusal for a URL with user info, for the setting or field named `what`. */
export function userInfoMessage(what: string, keyHint: string): string {
  return `${what} must not contain a user name or password (user:password@); ${keyHint}`;
}

/** "http://gpu-box:23333": no path, no query, no credentials. */
export function urlOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(an invalid URL)";
  }
}
