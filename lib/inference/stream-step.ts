/**
 * Runs one model call upstream and streams it to the browser as a UI message stream:
 * `data-stepStart`, the model's text, then `data-stepEnd` or `data-stepError`. The browser's
 * abort reaches the upstream through `signal` (closing the connection cancels generation in
 * lmdeploy), and an abort is not an error: the stream simply ends.
 */
import { APICallError, InvalidResponseDataError, createUIMessageStream, createUIMessageStreamResponse, streamText, type UserContent } from "ai";
import type { Sampling } from "../introsvg/sampling";
import type { InferenceConfig } from "./config";
import { PROXY_ERROR_HEADER } from "./dialect-fetch";
import { StudioError } from "./errors";
import { OUTPUT_PART_ID, type StepError, type StepRole, type StepUIMessage, type StepUsage } from "./step-contract";
import { causeOf, resolveModel } from "./upstream-models";
import { createUpstreamModel } from "./upstream-provider";

export interface StepCall {
  role: StepRole;
  modelRole: "generator" | "critic";
  sampling: Sampling;
  content: UserContent;
}

class FirstTokenTimeout extends Error {}

export function toStepError(e: unknown, config: InferenceConfig): StepError {
  if (e instanceof StudioError) return { code: e.code, message: e.message };
  if (e instanceof FirstTokenTimeout) {
    return { code: "upstream:timeout", message: `The inference server sent nothing for ${Math.round(config.timeoutMs / 1000)} s.` };
  }
  if (APICallError.isInstance(e)) {
    if (e.responseHeaders?.[PROXY_ERROR_HEADER]) {
      return { code: "upstream:http", message: `The inference server could not take the request: ${e.message}` };
    }
    if (e.statusCode && e.statusCode >= 200 && e.statusCode < 300) {
      // The answer started fine and its body broke off: the connection dropped mid-stream.
      return { code: "upstream:dropped", message: `The connection to the inference server dropped mid-stream (${causeOf(e.cause ?? e)}).` };
    }
    if (e.statusCode) {
      return { code: "upstream:http", message: `The inference server answered ${e.statusCode}: ${e.message}` };
    }
    return { code: "upstream:unreachable", message: `Cannot reach the inference server at ${config.baseURL} (${causeOf(e)}).` };
  }
  const err = e as { name?: string; message?: string; cause?: unknown };
  if (err instanceof TypeError || /terminated|socket|other side closed|ECONNRESET/i.test(`${err?.message} ${causeOf(e)}`)) {
    return { code: "upstream:dropped", message: `The connection to the inference server dropped mid-stream (${causeOf(e)}).` };
  }
  if (typeof err?.message === "string") {
    return { code: "upstream:stream", message: `The inference server reported an error mid-stream: ${err.message}` };
  }
  return { code: "upstream:stream", message: "The inference server reported an error mid-stream." };
}

export function streamStep(config: InferenceConfig, call: StepCall, signal: AbortSignal): Response {
  const stream = createUIMessageStream<StepUIMessage>({
    execute: async ({ writer }) => {
      const started = Date.now();
      let ttftMs: number | null = null;
      // Until the first token arrives a silent server is indistinguishable from a slow one;
      // past the configured wait it is reported, rather than spinning forever.
      const firstToken = new AbortController();
      const timer = setTimeout(() => firstToken.abort(new FirstTokenTimeout()), config.timeoutMs);
      const abortSignal = AbortSignal.any([signal, firstToken.signal]);
      try {
        const model = await resolveModel(config, call.modelRole, abortSignal);
        writer.write({ type: "data-stepStart", data: { role: call.role, model } });
        const result = streamText({
          model: createUpstreamModel(config, model),
          messages: [{ role: "user", content: call.content }],
          maxOutputTokens: call.sampling.maxTokens,
          temperature: call.sampling.temperature,
          topP: call.sampling.topP,
          maxRetries: 0,
          abortSignal,
          onError: () => {
            // reported to the browser below as a typed step error
          },
        });
        let textOpen = false;
        let failure: unknown;
        let rawFinish: string | undefined;
        let usage: StepUsage = {};
        for await (const part of result.fullStream) {
          if (part.type === "text-delta" && part.text) {
            if (!textOpen) {
              clearTimeout(timer);
              ttftMs = Date.now() - started;
              writer.write({ type: "text-start", id: OUTPUT_PART_ID });
              textOpen = true;
            }
            writer.write({ type: "text-delta", id: OUTPUT_PART_ID, delta: part.text });
          } else if (part.type === "error") {
            failure ??= part.error;
          } else if (part.type === "finish") {
            rawFinish = part.rawFinishReason;
            usage = { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens };
          }
        }
        if (textOpen) writer.write({ type: "text-end", id: OUTPUT_PART_ID });
        if (signal.aborted) return;
        if (firstToken.signal.aborted) throw new FirstTokenTimeout();
        // The provider reports a body that ended without finish_reason as an error of its own;
        // that is the dropped stream handled just below, not an error the server reported.
        const endedEarly = InvalidResponseDataError.isInstance(failure) && /without a finish reason/i.test(failure.message);
        if (failure !== undefined && !endedEarly) throw failure;
        if (rawFinish === undefined) {
          // No finish_reason and no error: the body ended early, e.g. a proxy cut the connection.
          throw new StudioError("upstream:dropped", "The inference server's stream ended before it finished (no finish_reason).");
        }
        writer.write({
          type: "data-stepEnd",
          data: { finishReason: rawFinish, usage, ttftMs, durationMs: Date.now() - started },
        });
      } catch (e) {
        if (signal.aborted) return;
        const error = firstToken.signal.aborted ? toStepError(new FirstTokenTimeout(), config) : toStepError(e, config);
        writer.write({ type: "data-stepError", data: error });
      } finally {
        clearTimeout(timer);
      }
    },
  });
  return createUIMessageStreamResponse({ stream });
}
