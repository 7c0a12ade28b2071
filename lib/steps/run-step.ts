/**
 * One step as a library call: build the role's request, call the upstream, report the model's
 * text through callbacks as it streams, and settle as a result (meta with usage, TTFT and the
 * finish reason) or a typed error. Every driver runs steps through here: the studio's routes
 * (streaming to the browser), the Node model port, batch runs. An abort through `signal`
 * reaches the upstream (closing the connection cancels generation in lmdeploy) and is not an
 * error: runStep then rejects with an AbortError, as fetch does.
 */
import type { StepMeta } from "../loop/loop-types";
import type { StepResult } from "../loop/loop-ports";
import { ConfigError, profileSetupOf, type InferenceConfig } from "./config";
import { StudioError, type ErrorInfo } from "../http/errors";
import type { StepError } from "../contract/step-contract";
import { buildStepCall, NoCriticError, type StepCall, type StepInput } from "./step-calls";
import { DEFAULT_SERVER } from "../profiles/profile-setup";
import { causeOf, resolveModel } from "./upstream-models";
import { streamChatCompletion, UpstreamStreamError } from "./chat-completions";
import { metricsSink } from "../telemetry/metrics-sink";
import { upstreamLimiter } from "./upstream-limiter";

class FirstTokenTimeout extends Error {}

/** lmdeploy proxy codes: no such model / service unavailable / timeout (a worker failed or is busy). */
const PROXY_TRANSIENT_CODES = new Set([10400, 10401, 10402]);

/**
 * Whether trying the same request again may succeed: the server was unreachable, silent, cut
 * the connection, was overloaded (429, 5xx) or is lmdeploy's proxy saying a worker failed
 * (10400/10401/10402). A 400, a 401, a 404 fail the same way every time.
 */
function isTransient(code: StepError["code"], status: number | undefined, e: unknown): boolean {
  if (code === "upstream:unreachable" || code === "upstream:dropped" || code === "upstream:timeout") return true;
  if (code === "upstream:http") return status === undefined || status === 429 || status >= 500;
  if (code === "upstream:stream") {
    const streamCode = e instanceof UpstreamStreamError ? e.streamCode : null;
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
  // Anything else thrown while streaming (a fetch implementation's own failure) is a broken connection.
  return classified({ code: "upstream:dropped", message: `The connection to the inference server dropped mid-stream (${causeOf(e)}).` }, undefined, e);
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
  const priority = defaults.priority ?? "interactive";
  const lane = { upstream: call.server, priority };
  metricsSink.queued(lane, 1);
  let release: () => void;
  try {
    release = await upstreamLimiter().acquire(priority, signal);
  } finally {
    metricsSink.queued(lane, -1);
  }
  metricsSink.inFlight(lane, 1);
  const started = performance.now();
  const ended = (outcome: "ok" | "error" | "stopped", ttftMs: number | null) =>
    metricsSink.stepEnded({
      role: call.role,
      priority,
      outcome,
      durationSeconds: (performance.now() - started) / 1000,
      ttftSeconds: ttftMs === null ? null : ttftMs / 1000,
    });
  try {
    const result = await runAdmittedCall(config, call, callbacks, signal);
    ended(result.ok ? "ok" : "error", result.ok ? result.meta.ttftMs : null);
    return result;
  } catch (e) {
    ended("stopped", null);
    throw e;
  } finally {
    metricsSink.inFlight(lane, -1);
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
    const { finishReason, usage } = await streamChatCompletion(
      config,
      { model, content: call.content, sampling: call.sampling, ...(call.seed === undefined ? {} : { seed: call.seed }) },
      (text) => {
        if (ttftMs === null) {
          clearTimeout(timer);
          ttftMs = Date.now() - started;
        }
        callbacks.onDelta(text);
      },
      abortSignal,
    );
    const meta: StepMeta = { model, usage, ttftMs, durationMs: Date.now() - started, finishReason };
    return { ok: true, meta };
  } catch (e) {
    if (signal.aborted) throw abortError(signal);
    const error = firstToken.signal.aborted ? toStepError(new FirstTokenTimeout(), config) : toStepError(e, config);
    return { ok: false, error };
  } finally {
    clearTimeout(timer);
  }
}
