import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { batchIconSetRoute } from "@/lib/routes/batch-routes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = guarded((request: Request, { params }: Context) => handleRoute(async () => batchIconSetRoute(request, (await params).id)));
