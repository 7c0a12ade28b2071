import { handleRoute } from "@/lib/http/json-request";
import { deleteSessionRoute, getSessionRoute, updateSessionRoute } from "@/lib/routes/session-routes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = (_request: Request, { params }: Context) => handleRoute(async () => getSessionRoute((await params).id));
export const PATCH = (request: Request, { params }: Context) => handleRoute(async () => updateSessionRoute(request, (await params).id));
export const DELETE = (_request: Request, { params }: Context) => handleRoute(async () => deleteSessionRoute((await params).id));
