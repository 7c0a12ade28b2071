import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { createBatchJobRoute, listBatchJobsRoute } from "@/lib/routes/batch-routes";

export const dynamic = "force-dynamic";

export const GET = guarded(() => handleRoute(() => listBatchJobsRoute()));
export const POST = guarded((request: Request) => handleRoute(() => createBatchJobRoute(request)));
