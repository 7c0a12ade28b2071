import { handleRoute } from "@/lib/http/json-request";
import { createBatchJobRoute, listBatchJobsRoute } from "@/lib/routes/batch-routes";

export const dynamic = "force-dynamic";

export const GET = () => handleRoute(() => listBatchJobsRoute());
export const POST = (request: Request) => handleRoute(() => createBatchJobRoute(request));
