import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { readEngineStatus } from "@/lib/steps/engine-status";
import { loadConfig } from "@/lib/routes/step-routes";

export const dynamic = "force-dynamic";

export const GET = guarded(() => handleRoute(async () => Response.json(await readEngineStatus(loadConfig()))));
