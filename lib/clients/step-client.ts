/**
 * The browser's side of a step: POST to a studio route and read the AI SDK UI message stream
 * back (SSE read with eventsource-parser: the AI SDK's own reader validates every part with zod,
 * which would put all of zod in the page's first load). Text deltas are coalesced (at most one flush per FLUSH_MS) so a fast stream does not
 * re-render the page for every token. An abort is thrown as AbortError; every other failure is
 * returned as a typed error with a message for the user.
 */
import { EventSourceParserStream } from "eventsource-parser/stream";
import type { UIMessageChunk } from "ai";
import { modelPortOf, type ModelPort, type StepHandlers, type StepResult } from "../loop/loop-ports";
import type { StepEnd, StepError } from "../contract/step-contract";
import type { ErrorInfo } from "../http/errors";

// Ten updates a second reads as live text, and halves the page work of twenty.
const FLUSH_MS = 100;

type Fetch = typeof globalThis.fetch;

/** One stream part, if it is a JSON object with a string `type` (the parts this client reads are checked where used). */
function readChunk(data: string): UIMessageChunk | null {
  try {
    const parsed = JSON.parse(data) as unknown;
    return typeof parsed === "object" && parsed !== null && typeof (parsed as { type?: unknown }).type === "string" ? (parsed as UIMessageChunk) : null;
  } catch {
    return null;
  }
}

export async function callStep(
  path: string,
  body: unknown,
  handlers: StepHandlers,
  signal: AbortSignal,
  fetchImpl: Fetch = globalThis.fetch,
): Promise<StepResult> {
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (signal.aborted) throw e;
    return { ok: false, error: { code: "studio:unreachable", message: "The studio server did not answer. Is it still running?" } };
  }
  if (!response.ok || !response.body) {
    const payload = (await response.json().catch(() => null)) as { error?: StepError } | null;
    return {
      ok: false,
      error: payload?.error ?? { code: "studio:http", message: `The studio answered ${response.status} ${response.statusText}.` },
    };
  }

  let model = "";
  let end: StepEnd | null = null;
  let error: ErrorInfo | null = null;
  let pending = "";
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending) handlers.onDelta(pending);
    pending = "";
  };

  const reader = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.data === "[DONE]") continue;
      const chunk = readChunk(value.data);
      if (!chunk) {
        error = { code: "studio:protocol", message: `The studio sent an unreadable stream part: ${value.data.slice(0, 100)}` };
        break;
      }
      if (chunk.type === "text-delta") {
        pending += chunk.delta;
        timer ??= setTimeout(flush, FLUSH_MS);
      } else if (chunk.type === "data-stepStart") {
        model = (chunk.data as { model: string }).model;
      } else if (chunk.type === "data-stepEnd") {
        end = chunk.data as StepEnd;
      } else if (chunk.type === "data-stepError") {
        error = chunk.data as StepError;
      } else if (chunk.type === "error") {
        error = { code: "studio:stream", message: chunk.errorText };
      }
    }
  } catch (e) {
    if (signal.aborted) throw e;
    error = { code: "studio:dropped", message: "The connection to the studio server dropped mid-step." };
  } finally {
    flush();
    reader.releaseLock();
  }
  if (error) return { ok: false, error };
  if (!end) return { ok: false, error: { code: "studio:dropped", message: "The step's stream ended before it finished." } };
  return { ok: true, meta: { model, usage: end.usage, ttftMs: end.ttftMs, durationMs: end.durationMs, finishReason: end.finishReason } };
}

export function createHttpModelPort(fetchImpl?: Fetch): ModelPort {
  return modelPortOf((role, input, handlers, signal) => callStep(`/api/${role}`, input, handlers, signal, fetchImpl));
}
