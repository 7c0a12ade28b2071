/**
 * A streaming OpenAI-compatible chat completion, read with eventsource-parser: the one request
 * every step makes (lmdeploy, vLLM, Ollama, OpenAI, the built-in engine). It reports each piece
 * of text through `onDelta` as it arrives and settles with the finish reason and usage, or
 * throws a StudioError naming what went wrong (the server's own message when it sent one).
 *
 * Why not the AI SDK's provider: a step needs one request shape and one stream shape, and the
 * provider's pipeline (a zod parse of every chunk, several transform streams per chunk, each a
 * promise hop under Next's async hooks) put ~2 ms before the first token and most of the
 * studio's own CPU time per streamed token. The studio still speaks the AI SDK's UI message
 * stream to the browser (step-stream.ts).
 */
import { createParser } from "eventsource-parser";
import { StudioError } from "../http/errors";
import { upstreamOrigin, type InferenceConfig } from "./config";
import { isProxyRefusal, numericCode, proxyErrorLine, proxyRefusalMessage } from "./upstream-dialect";
import { postUpstream, type UpstreamAnswer } from "./upstream-post";
import { upstreamMessage } from "./upstream-message";
import { authHeaders, causeOf } from "./upstream-models";
import type { StepContent } from "./step-calls";
import type { Sampling } from "../introsvg/sampling";
import type { StepUsage } from "../loop/loop-types";

export interface ChatCompletionRequest {
  model: string;
  content: StepContent;
  sampling: Sampling;
  seed?: number;
}

export interface ChatCompletionEnd {
  finishReason: string;
  usage: StepUsage;
}

/** A `data: {"error":…}` event: the server failed mid-stream (`code` as the server gave it). */
export class UpstreamStreamError extends StudioError {
  constructor(
    message: string,
    readonly streamCode: number | null,
  ) {
    super("upstream:stream", `The inference server reported an error mid-stream: ${message}`);
  }
}

/** The OpenAI wire form of a step's user message: a string, or text and image_url parts. */
function wireContent(content: StepContent): unknown {
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" ? { type: "text", text: part.text } : { type: "image_url", image_url: { url: part.image } }));
}

export function chatCompletionBody(config: Pick<InferenceConfig, "topK">, request: ChatCompletionRequest): Record<string, unknown> {
  const { sampling } = request;
  return {
    model: request.model,
    messages: [{ role: "user", content: wireContent(request.content) }],
    max_tokens: sampling.maxTokens,
    temperature: sampling.temperature,
    ...(sampling.topP === undefined ? {} : { top_p: sampling.topP }),
    ...(config.topK === undefined ? {} : { top_k: config.topK }),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    stream: true,
    stream_options: { include_usage: true },
  };
}

interface ChunkShape {
  error?: unknown;
  choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } | null;
}

const tokens = (n: unknown) => (typeof n === "number" ? n : undefined);

/**
 * Streams one completion; see the file comment. An abort through `signal` rejects with the
 * fetch's AbortError (closing the connection is what stops generation on the server).
 */
export async function streamChatCompletion(
  config: InferenceConfig,
  request: ChatCompletionRequest,
  onDelta: (text: string) => void,
  signal: AbortSignal,
): Promise<ChatCompletionEnd> {
  let response: UpstreamAnswer;
  try {
    response = await postUpstream(
      {
        url: `${config.baseURL}/chat/completions`,
        headers: { "content-type": "application/json", ...authHeaders(config) },
        body: JSON.stringify(chatCompletionBody(config, request)),
        signal,
      },
      config.fetch,
    );
  } catch (e) {
    if (signal.aborted) throw e;
    throw new StudioError("upstream:unreachable", `Cannot reach the inference server at ${upstreamOrigin(config)} (${causeOf(e)}).`);
  }

  if (isProxyRefusal(response.status, response.header("content-type"))) {
    // The proxy's 200-with-error (no worker free): 503 as far as retrying goes.
    const message = proxyRefusalMessage(await response.text().catch(() => ""));
    throw new StudioError("upstream:http", `The inference server could not take the request: ${message || "no message"}`, 503);
  }
  if (response.status < 200 || response.status >= 300) {
    const text = await response.text().catch(() => "");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const message = upstreamMessage(body) ?? (text.slice(0, 200) || response.statusText || "no message");
    throw new StudioError("upstream:http", `The inference server answered ${response.status}: ${message}`, response.status);
  }

  let finishReason: string | undefined;
  let usage: StepUsage = {};
  let failure: StudioError | null = null;
  // The text of one network read, passed on as one delta: an instant upstream sends a token per
  // event, and a delta per token cost the route an SSE event each and the browser a parse each.
  let text = "";
  const passOnText = () => {
    if (text) onDelta(text);
    text = "";
  };
  const parser = createParser({
    onEvent: ({ data }) => {
      if (failure || data === "[DONE]") return;
      let chunk: ChunkShape;
      try {
        chunk = JSON.parse(data) as ChunkShape;
      } catch {
        failure = new UpstreamStreamError(`a chunk that is not JSON (${data.slice(0, 80)})`, null);
        return;
      }
      if (chunk.error !== undefined && chunk.error !== null) {
        const error = chunk.error as { code?: unknown };
        failure = new UpstreamStreamError(upstreamMessage(chunk) ?? "no message", numericCode(error.code));
        return;
      }
      const choice = chunk.choices?.[0];
      const content = choice?.delta?.content;
      if (typeof content === "string") text += content;
      if (typeof choice?.finish_reason === "string") finishReason = choice.finish_reason;
      if (chunk.usage) usage = { inputTokens: tokens(chunk.usage.prompt_tokens), outputTokens: tokens(chunk.usage.completion_tokens) };
    },
    // A line that is no SSE field: lmdeploy's proxy writing its error as a bare JSON line.
    onError: (error) => {
      if (failure || error.type !== "unknown-field" || error.line === undefined) return;
      const proxy = proxyErrorLine(error.line);
      if (proxy) failure = new UpstreamStreamError(proxy.message, proxy.code);
    },
  });

  const chunks = response.chunks();
  try {
    for (;;) {
      let read: IteratorResult<string>;
      try {
        read = await chunks.next();
      } catch (e) {
        if (signal.aborted) throw e;
        throw new StudioError("upstream:dropped", `The connection to the inference server dropped mid-stream (${causeOf(e)}).`);
      }
      if (read.done) break;
      parser.feed(read.value);
      passOnText();
      if (failure) throw failure;
    }
    parser.reset({ consume: true }); // a last line with no newline
    passOnText();
    if (failure) throw failure;
  } finally {
    // Closes the connection when the loop left early (an error event, an abort).
    response.cancel();
  }
  if (finishReason === undefined) {
    // No finish_reason and no error: the body ended early, e.g. a proxy cut the connection.
    throw new StudioError("upstream:dropped", "The inference server's stream ended before it finished (no finish_reason).");
  }
  return { finishReason, usage };
}
