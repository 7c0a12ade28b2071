import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { thumbnailRoute } from "@/lib/routes/session-routes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = guarded((_request: Request, { params }: Context) => handleRoute(async () => thumbnailRoute((await params).id)));
