import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { batchResultsRoute } from "@/lib/routes/batch-routes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = guarded((_request: Request, { params }: Context) => handleRoute(async () => batchResultsRoute((await params).id)));
