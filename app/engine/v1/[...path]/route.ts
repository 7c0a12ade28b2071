/**
 * The built-in engine mounted inside the studio, so `npm start` needs nothing else. It answers
 * at /engine/v1/* exactly as a GPU server answers at /v1/*; the studio's own routes reach it
 * over loopback HTTP like any other upstream.
 */
import { handleEngineRequest } from "@/lib/engine/server/engine-handler";
import { guarded } from "@/lib/routes/access-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path: string[] }> };

async function handle(request: Request, { params }: Context): Promise<Response> {
  const { path } = await params;
  return handleEngineRequest(request, `/${path.join("/")}`);
}

const guardedHandle = guarded(handle);

export { guardedHandle as GET, guardedHandle as POST, guardedHandle as OPTIONS };
