import { handleRoute } from "@/lib/http/json-request";
import { readEngineStatus } from "@/lib/steps/engine-status";
import { loadConfig } from "@/lib/routes/step-routes";

export const dynamic = "force-dynamic";

export const GET = () => handleRoute(async () => Response.json(await readEngineStatus(loadConfig())));
