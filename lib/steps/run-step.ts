/**
 * One step as a library call: build the role's request, call the upstream, report the model's
 * text through callbacks as it streams, and settle as a result (meta with usage, TTFT and the
 * finish reason) or a typed error. Every driver runs steps through here: the studio's routes
 * (streaming to the browser), the Node model port, batch runs. An abort through `signal`
 * reaches the upstream (closing the connection cancels generation in lmdeploy) and is not an
 * error: runStep then rejects with an AbortError, as fetch does.
 */
import { APICallError, InvalidResponseDataError, streamText } from "ai";
import type { StepMeta } from "../loop/loop-types";
import type { StepResult } from "../loop/loop-ports";
import { ConfigError, profileSetupOf, type InferenceConfig } from "./config";
import { PROXY_ERROR_HEADER } from "./dialect-fetch";
import { StudioError, type ErrorInfo } from "../http/errors";
import type { StepError } from "../contract/step-contract";
import type { StepUsage } from "../loop/loop-types";
import { buildStepCall, NoCriticError, type StepCall, type StepInput } from "./step-calls";
import { DEFAULT_SERVER } from "../profiles/profile-setup";
import { causeOf, resolveModel } from "./upstream-models";
import { createUpstreamModel } from "./upstream-provider";
import { upstreamLimiter } from "./upstream-limiter";

class FirstTokenTimeout extends Error {}

/** lmdeploy proxy codes: no such model / service unavailable / timeout (a worker failed or is busy). */
const PROXY_TRANSIENT_CODES = new Set([10400, 10401, 10402]);

/** The numeric `code` of a mid-stream `{"error":{…}}` (the dialect fetch rewrites proxy lines to it). */
function streamErrorCode(e: unknown): number | null {
  const err = e as { code?: unknown; data?: { error?: { code?: unknown } } } | null;
  for (const raw of [err?.code, err?.data?.error?.code]) {
    if (typeof raw === "number") return raw;
    if (typeof raw === "string" && /^\d+$/.test(raw)) return Number(raw);
  }
  const match = /error_code (\d+)/.exec((e as Error | null)?.message ?? "");
  return match ? Number(match[1]) : null;
}

/**
 * Whether trying the same request again may succeed: the server was unreachable, silent, cut
 * the connection, was overloaded (429, 5xx) or is lmdeploy's proxy saying a worker failed
 * (10400/10401/10402). A 400, a 401, a 404 fail the same way every time.
 */
function isTransient(code: StepError["code"], status: number | undefined, e: unknown): boolean {
  if (code === "upstream:unreachable" || code === "upstream:dropped" || code === "upstream:timeout") return true;
  if (code === "upstream:http") return status === undefined || status === 429 || status >= 500;
  if (code === "upstream:stream") {
    const streamCode = streamErrorCode(e);
    return streamCode !== null && PROXY_TRANSIENT_CODES.has(streamCode);
  }
  return false;
}

function classified(error: StepError, status: number | undefined, e: unknown): StepError {
  return { ...error, transient: isTransient(error.code, status, e) };
}

export function toStepError(e: unknown, config: InferenceConfig): StepError {
  if (e instanceof StudioError) return classified({ code: e.code, message: e.message }, e.upstreamStatus, e);
  if (e instanceof FirstTokenTimeout) {
    return classified({ code: "upstream:timeout", message: `The inference server sent nothing for ${Math.round(config.timeoutMs / 1000)} s.` }, undefined, e);
  }
  if (APICallError.isInstance(e)) {
    if (e.responseHeaders?.[PROXY_ERROR_HEADER]) {
      // The proxy's 200-with-error (no worker free): 503 as far as retrying goes.
      return classified({ code: "upstream:http", message: `The inference server could not take the request: ${e.message}` }, 503, e);
    }
    if (e.statusCode && e.statusCode >= 200 && e.statusCode < 300) {
      // The answer started fine and its body broke off: the connection dropped mid-stream.
      return classified({ code: "upstream:dropped", message: `The connection to the inference server dropped mid-stream (${causeOf(e.cause ?? e)}).` }, undefined, e);
    }
    if (e.statusCode) {
      return classified({ code: "upstream:http", message: `The inference server answered ${e.statusCode}: ${e.message}` }, e.statusCode, e);
    }
    return classified({ code: "upstream:unreachable", message: `Cannot reach the inference server at ${config.baseURL} (${causeOf(e)}).` }, undefined, e);
  }
  const err = e as { name?: string; message?: string; cause?: unknown };
  if (err instanceof TypeError || /terminated|socket|other side closed|ECONNRESET/i.test(`${err?.message} ${causeOf(e)}`)) {
    return classified({ code: "upstream:dropped", message: `The connection to the inference server dropped mid-stream (${causeOf(e)}).` }, undefined, e);
  }
  if (typeof err?.message === "string") {
    return classified({ code: "upstream:stream", message: `The inference server reported an error mid-stream: ${err.message}` }, undefined, e);
  }
  return classified({ code: "upstream:stream", message: "The inference server reported an error mid-stream." }, undefined, e);
}

export interface StepCallbacks {
  /** The model that will answer, once it is known (before the first token). */
  onStart?: (model: string) => void;
  /** Each piece of the model's text, in order, as it arrives. */
  onDelta: (text: string) => void;
}

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason as unknown;
  return reason instanceof Error && reason.name === "AbortError" ? reason : new DOMException("The step was stopped.", "AbortError");
}

/** Runs the step `input` describes; see the file comment. */
export async function runStep(config: InferenceConfig, input: StepInput, callbacks: StepCallbacks, signal: AbortSignal): Promise<StepResult> {
  let call: StepCall;
  try {
    call = buildStepCall(input, profileSetupOf(config));
  } catch (e) {
    if (e instanceof NoCriticError) return { ok: false, error: { code: "bad_request", message: e.message } };
    if (e instanceof ConfigError) return { ok: false, error: { code: "config", message: e.message } };
    throw e;
  }
  return runStepCall(config, call, callbacks, signal);
}

/**
 * The connection a call goes to: the config itself for the "default" server (so a driver that
 * adjusted it, e.g. with the in-process engine, is honoured), else the profile setup's server,
 * with the call's model (unset: the first the server lists).
 */
export function connectionFor(config: InferenceConfig, call: Pick<StepCall, "server" | "model">): InferenceConfig {
  const server = call.server === DEFAULT_SERVER ? config : profileSetupOf(config).servers[call.server];
  if (!server) throw new ConfigError(`No server named "${call.server}".`);
  const { engine, baseURL, apiKey, topK, timeoutMs, fetch } = server;
  return { engine, baseURL, apiKey, topK, timeoutMs, fetch, model: call.model, criticModel: call.model };
}

/** Whether a failed step may succeed if tried again (see toStepError); false for anything else. */
export function isTransientStepError(error: ErrorInfo): boolean {
  return (error as StepError).transient === true;
}

/**
 * Runs an already-built call (tests and profiles that bring their own content) on its profile's
 * server. The call first takes a slot of the process's shared upstream limit in the driver's
 * lane; waiting for it counts towards neither the first-token timeout nor the step's duration.
 */
export async function runStepCall(defaults: InferenceConfig, call: StepCall, callbacks: StepCallbacks, signal: AbortSignal): Promise<StepResult> {
  let config: InferenceConfig;
  try {
    config = connectionFor(defaults, call);
  } catch (e) {
    return { ok: false, error: { code: "config", message: (e as Error).message } };
  }
  const release = await upstreamLimiter().acquire(defaults.priority ?? "interactive", signal);
  try {
    return await runAdmittedCall(config, call, callbacks, signal);
  } finally {
    release();
  }
}

async function runAdmittedCall(config: InferenceConfig, call: StepCall, callbacks: StepCallbacks, signal: AbortSignal): Promise<StepResult> {
  const started = Date.now();
  let ttftMs: number | null = null;
  // Until the first token arrives a silent server is indistinguishable from a slow one;
  // past the configured wait it is reported, rather than spinning forever.
  const firstToken = new AbortController();
  const timer = setTimeout(() => firstToken.abort(new FirstTokenTimeout()), config.timeoutMs);
  const abortSignal = AbortSignal.any([signal, firstToken.signal]);
  try {
    const model = await resolveModel(config, call.modelRole, abortSignal);
    callbacks.onStart?.(model);
    const result = streamText({
      model: createUpstreamModel(config, model),
      messages: [{ role: "user", content: call.content }],
      maxOutputTokens: call.sampling.maxTokens,
      temperature: call.sampling.temperature,
      topP: call.sampling.topP,
      maxRetries: 0,
      abortSignal,
      onError: () => {
        // settled below as a typed step error
      },
    });
    let failure: unknown;
    let rawFinish: string | undefined;
    let usage: StepUsage = {};
    for await (const part of result.fullStream) {
      if (part.type === "text-delta" && part.text) {
        if (ttftMs === null) {
          clearTimeout(timer);
          ttftMs = Date.now() - started;
        }
        callbacks.onDelta(part.text);
      } else if (part.type === "error") {
        failure ??= part.error;
      } else if (part.type === "finish") {
        rawFinish = part.rawFinishReason;
        usage = { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens };
      }
    }
    if (signal.aborted) throw abortError(signal);
    if (firstToken.signal.aborted) throw new FirstTokenTimeout();
    // The provider reports a body that ended without finish_reason as an error of its own;
    // that is the dropped stream handled just below, not an error the server reported.
    const endedEarly = InvalidResponseDataError.isInstance(failure) && /without a finish reason/i.test(failure.message);
    if (failure !== undefined && !endedEarly) throw failure;
    if (rawFinish === undefined) {
      // No finish_reason and no error: the body ended early, e.g. a proxy cut the connection.
      throw new StudioError("upstream:dropped", "The inference server's stream ended before it finished (no finish_reason).");
    }
    const meta: StepMeta = { model, usage, ttftMs, durationMs: Date.now() - started, finishReason: rawFinish };
    return { ok: true, meta };
  } catch (e) {
    if (signal.aborted) throw abortError(signal);
    const error = firstToken.signal.aborted ? toStepError(new FirstTokenTimeout(), config) : toStepError(e, config);
    return { ok: false, error };
  } finally {
    clearTimeout(timer);
  }
}
