import { guarded } from "@/lib/routes/access-route";
import { metricsRoute } from "@/lib/routes/metrics-route";

export const dynamic = "force-dynamic";

export const GET = guarded(metricsRoute);
