/**
 * What every step route does, in one place: read the body under a size cap, validate it
 * (400 with the first problem, 413 for an oversized field), read the config, stream the step.
 */
import type { z } from "zod";
import { ConfigError, readInferenceConfig, type InferenceConfig } from "./config";
import { StudioError } from "./errors";
import { LIMITS } from "./step-contract";
import { streamStep, type StepCall } from "./stream-step";

async function readBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > LIMITS.bodyBytes) throw new StudioError("too_large", `The request body is larger than ${LIMITS.bodyBytes / 1024 / 1024} MB.`);
  const text = await request.text();
  if (text.length > LIMITS.bodyBytes) throw new StudioError("too_large", `The request body is larger than ${LIMITS.bodyBytes / 1024 / 1024} MB.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new StudioError("bad_request", "The request body is not valid JSON.");
  }
}

export async function parseStepRequest<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readBody(request));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const tooLarge = parsed.error.issues.find(
    (i) => i.code === "too_big" || (i.code === "custom" && (i.params as { tooLarge?: boolean } | undefined)?.tooLarge),
  );
  if (tooLarge) throw new StudioError("too_large", tooLarge.message);
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  throw new StudioError("bad_request", `${where}${issue.message}`);
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
  try {
    const body = await parseStepRequest(request, schema);
    const config = loadConfig();
    return streamStep(config, buildCall(body), request.signal);
  } catch (e) {
    if (e instanceof StudioError) return e.toResponse();
    throw e;
  }
}
