import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { batchTrainingDataRoute } from "@/lib/routes/batch-routes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = guarded((request: Request, { params }: Context) => handleRoute(async () => batchTrainingDataRoute((await params).id, request)));
