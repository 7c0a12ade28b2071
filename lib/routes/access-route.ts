/**
 * Every route runs the access rules (lib/http/access.ts) before it does anything, with the
 * settings lib/config read from the environment. The proxy (proxy.ts) runs the same rules for
 * pages and for API requests without a body; a request with a body goes straight to its route
 * (Next.js would otherwise read the whole body into memory for the proxy first), so the route
 * is where it is checked — before a byte of the body is read.
 */
import { studioConfig } from "../config/studio-config";
import { checkAccess, refusalResponse } from "../http/access";

export function guarded<C>(handler: (request: Request, context: C) => Promise<Response> | Response): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    const url = new URL(request.url);
    const access = { method: request.method, pathname: url.pathname, search: url.search, headers: request.headers };
    const refusal = await checkAccess(access, studioConfig().access);
    return refusal ? refusalResponse(refusal, access) : handler(request, context);
  };
}
