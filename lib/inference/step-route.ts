/**
 * What every step route does, in one place: read the body under a size cap, validate it
 * (400 with the first problem, 413 for an oversized field), read the config, stream the step.
 */
import type { z } from "zod";
import { handleRoute, parseJsonRequest } from "../http/json-request";
import { ConfigError, readInferenceConfig, type InferenceConfig } from "./config";
import { StudioError } from "./errors";
import { LIMITS } from "./step-contract";
import { streamStep, type StepCall } from "./stream-step";

/** Parses a step request: the body capped at LIMITS.bodyBytes, then validated by `schema`. */
export function parseStepRequest<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  return parseJsonRequest(request, schema, LIMITS.bodyBytes);
}

export function loadConfig(): InferenceConfig {
  try {
    return readInferenceConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw new StudioError("config", e.message);
    throw e;
  }
}

export async function handleStepRoute<S extends z.ZodType>(
  request: Request,
  schema: S,
  buildCall: (body: z.infer<S>) => StepCall,
): Promise<Response> {
  return handleRoute(async () => {
    const body = await parseStepRequest(request, schema);
    const config = loadConfig();
    return streamStep(config, buildCall(body), request.signal);
  });
}
