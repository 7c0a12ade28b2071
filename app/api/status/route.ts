import { readEngineStatus } from "@/lib/inference/engine-status";
import { StudioError } from "@/lib/inference/errors";
import { loadConfig } from "@/lib/inference/step-route";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    return Response.json(await readEngineStatus(loadConfig()));
  } catch (e) {
    if (e instanceof StudioError) return e.toResponse();
    throw e;
  }
}
