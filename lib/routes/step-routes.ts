/**
 * The step routes, as thin adapters: read the body under a size cap, validate it (400 with the
 * first problem, 413 for an oversized field), read the config, and stream the step run by
 * lib/steps. Which template, sampling and model a step uses is lib/steps' decision, not theirs.
 */
import type { z } from "zod";
import { handleRoute, parseJsonRequest } from "../http/json-request";
import { StudioError } from "../http/errors";
import { critiqueRequestSchema, generateRequestSchema, refineRequestSchema } from "../contract/step-contract";
import { LIMITS } from "../http/limits";
import { ConfigError, readInferenceConfig, type InferenceConfig } from "../steps/config";
import { UnknownProfileError, type ResolvedRun, type RunSettings } from "../profiles/resolve-run";
import { resolveStudioRun } from "../steps/studio-run";
import type { StepInput } from "../steps/step-calls";
import { streamStep } from "../steps/step-stream";

/** Parses a step request: the body capped at LIMITS.bodyBytes, then validated by `schema`. */
export function parseStepRequest<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  return parseJsonRequest(request, schema, LIMITS.bodyBytes);
}

/** The run a request asks for (resolveRun); an unknown profile is a 400 naming it and the profiles there are. */
export function resolveRequestedRun<S extends RunSettings>(config: InferenceConfig, input: { profile?: string; settings?: S }): ResolvedRun<S> {
  try {
    return resolveStudioRun(config, input);
  } catch (e) {
    if (e instanceof UnknownProfileError) throw new StudioError("bad_request", e.message);
    throw e;
  }
}

export function loadConfig(): InferenceConfig {
  try {
    return readInferenceConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw new StudioError("config", e.message);
    throw e;
  }
}

async function stepRoute<S extends z.ZodType>(request: Request, schema: S, toInput: (body: z.infer<S>) => StepInput): Promise<Response> {
  return handleRoute(async () => {
    const body = await parseStepRequest(request, schema);
    const config = loadConfig();
    const input = toInput(body);
    // An unknown profile, or a critique for a profile without a critic, is the request's fault.
    const run = resolveRequestedRun(config, { profile: input.profile });
    if (input.role === "critique" && !run.critic) throw new StudioError("bad_request", `profile: "${run.profile.label}" has no critic`);
    return streamStep(config, input, request.signal);
  });
}

export const generateRoute = (request: Request) => stepRoute(request, generateRequestSchema, (body) => ({ role: "generate", ...body }));

export const critiqueRoute = (request: Request) =>
  stepRoute(request, critiqueRequestSchema, (body) => ({ role: "critique", ...body, final: body.final ?? false }));

export const refineRoute = (request: Request) => stepRoute(request, refineRequestSchema, (body) => ({ role: "refine", ...body }));
