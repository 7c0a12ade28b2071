import { handleRoute } from "@/lib/http/json-request";
import { readEngineStatus } from "@/lib/inference/engine-status";
import { loadConfig } from "@/lib/inference/step-route";

export const dynamic = "force-dynamic";

export const GET = () => handleRoute(async () => Response.json(await readEngineStatus(loadConfig())));
