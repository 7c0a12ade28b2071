import { handleRoute } from "@/lib/http/json-request";
import { thumbnailRoute } from "@/lib/routes/session-routes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = (_request: Request, { params }: Context) => handleRoute(async () => thumbnailRoute((await params).id));
