/** What the status line shows: which engine, which models, and whether it answers. */
import type { EngineStatus } from "../contract/status-contract";
import { describeEngine, type InferenceConfig } from "./config";
import { StudioError } from "../http/errors";
import { listModels } from "./upstream-models";


export async function readEngineStatus(config: InferenceConfig): Promise<EngineStatus> {
  const engine = describeEngine(config);
  try {
    const ids = await listModels(config);
    const model = config.model ?? ids[0] ?? null;
    const criticModel = config.criticModel ?? model;
    if (!model) return { engine, reachable: true, model: null, criticModel: null, error: "The server lists no models; set INFERENCE_MODEL." };
    return { engine, reachable: true, model, criticModel };
  } catch (e) {
    const message = e instanceof StudioError ? e.message : (e as Error).message;
    return { engine, reachable: false, model: config.model ?? null, criticModel: config.criticModel ?? config.model ?? null, error: message };
  }
}
