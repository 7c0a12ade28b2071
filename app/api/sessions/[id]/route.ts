import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { deleteSessionRoute, getSessionRoute, updateSessionRoute } from "@/lib/routes/session-routes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = guarded((_request: Request, { params }: Context) => handleRoute(async () => getSessionRoute((await params).id)));
export const PATCH = guarded((request: Request, { params }: Context) => handleRoute(async () => updateSessionRoute(request, (await params).id)));
export const DELETE = guarded((_request: Request, { params }: Context) => handleRoute(async () => deleteSessionRoute((await params).id)));
