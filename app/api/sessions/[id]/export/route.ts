import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { exportSessionRoute } from "@/lib/routes/session-routes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = guarded((request: Request, { params }: Context) => handleRoute(async () => exportSessionRoute(request, (await params).id)));
