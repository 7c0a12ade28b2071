/**
 * The built-in engine's HTTP core, framework-free (Web Request → Response): mounted by the
 * Next.js route `app/engine/v1/[...path]/route.ts` and by the standalone server
 * (engine-server.ts). `path` is the part after `/v1` ("/models", "/chat/completions"); "/health"
 * is answered too.
 *
 * Streaming answers are paced at `tokensPerSecond` (env ENGINE_TOKENS_PER_SECOND, default 150;
 * 0 = no delay) and stop as soon as the client goes away (request.signal aborts or the body
 * stream is cancelled): `engineCounters()` and `options.onAbort` make that observable.
 *
 * Bounded work: the body is read under LIMITS.engineBodyBytes as it streams in (413), must be
 * JSON (415), every field has its own cap (openai-protocol.ts, turn-limits.ts), images are
 * checked from their PNG header, and the answer is computed in a worker process under a time
 * limit (answer-process.ts). No CORS header: the engine serves the studio's server and local
 * clients (the `openai` package, curl), which send no Origin, never a web page.
 */
import {
  checkSampling,
  chunkBody,
  completionBody,
  errorResponse,
  jsonResponse,
  lastUserTurn,
  MODEL_IDS,
  modelList,
  parseChatRequest,
  ProtocolError,
  sseData,
  SSE_DONE,
  unknownModel,
  usageChunkBody,
  type ChatRequest,
  type FinishReason,
  type Usage,
} from "../protocol/openai-protocol";
import { computeAnswer } from "../worker/answer-process";
import type { EngineRole } from "../worker/answer-turn";
import { checkTurnLimits } from "../protocol/turn-limits";
import { tokenize, truncateToTokens } from "../protocol/tokenize";
import { readBodyText } from "../../http/body";
import { isJsonContentType } from "../../http/access";
import { StudioError } from "../../http/errors";
import { LIMITS } from "../../http/limits";
import { studioConfig } from "../../config/studio-config";

export interface EngineOptions {
  /** Streaming pace; undefined reads ENGINE_TOKENS_PER_SECOND (default 150). 0 = as fast as possible. */
  tokensPerSecond?: number;
  /** Longest an answer may take to compute; undefined reads ENGINE_TIME_LIMIT_MS (default 15000). */
  timeLimitMs?: number;
  /** Called when a streaming generation stops early because the client disconnected. */
  onAbort?: (info: { id: string; role: EngineRole; sentTokens: number; totalTokens: number }) => void;
}

export interface EngineCounters {
  /** Generations started (streaming and not). */
  started: number;
  completed: number;
  /** Streaming generations stopped because the client went away. */
  aborted: number;
  /** Streaming generations in progress right now. */
  active: number;
}

const counters: EngineCounters = { started: 0, completed: 0, aborted: 0, active: 0 };

/** A snapshot of the engine's generation counters (for tests of server-side cancellation). */
export function engineCounters(): EngineCounters {
  return { ...counters };
}

const DEFAULT_TPS = 150;
/** Tokens per streamed delta ("a few tokens each"). */
const TOKENS_PER_DELTA = 3;
const COMMON_HEADERS: Record<string, string> = {
  "x-introsvg-engine": "builtin (offline stand-in, not the IntroSVG model)",
};

let sequence = 0;

export function resolveTokensPerSecond(option?: number): number {
  if (option !== undefined) return Math.max(0, option);
  return studioConfig().engine.tokensPerSecond ?? DEFAULT_TPS;
}

export async function handleEngineRequest(request: Request, path: string, options: EngineOptions = {}): Promise<Response> {
  const route = "/" + path.replace(/^\/+|\/+$/g, "");
  const method = request.method.toUpperCase();
  if (method === "OPTIONS") {
    // No CORS headers: a browser's preflight from another origin fails here.
    return new Response(null, { status: 204, headers: { ...COMMON_HEADERS, allow: "GET, POST, OPTIONS" } });
  }
  try {
    if (route === "/health") return new Response(null, { status: 200, headers: COMMON_HEADERS });
    if (route === "/models") {
      if (method !== "GET") throw new ProtocolError(405, `Method ${method} not allowed on /v1/models.`);
      return jsonResponse(modelList(Math.floor(Date.now() / 1000)), 200, COMMON_HEADERS);
    }
    const listed = modelList(Math.floor(Date.now() / 1000)).data.find((m) => route === `/models/${m.id}`);
    if (listed && method === "GET") return jsonResponse(listed, 200, COMMON_HEADERS);
    if (route === "/chat/completions") {
      if (method !== "POST") throw new ProtocolError(405, `Method ${method} not allowed on /v1/chat/completions.`);
      return await chatCompletions(request, options);
    }
    throw new ProtocolError(404, `Not found: ${route}. The built-in engine serves GET /v1/models and POST /v1/chat/completions.`);
  } catch (e) {
    if (e instanceof ProtocolError) return errorResponse(e, COMMON_HEADERS);
    if (e instanceof StudioError) return errorResponse(new ProtocolError(e.status, e.message), COMMON_HEADERS);
    const message = e instanceof Error ? e.message : String(e);
    return errorResponse(new ProtocolError(500, `Built-in engine error: ${message}`, null, "internal_error"), COMMON_HEADERS);
  }
}

function messageTexts(req: ChatRequest): string[] {
  const texts: string[] = [];
  for (const m of req.messages) {
    if (typeof m.content === "string") texts.push(m.content);
    else if (Array.isArray(m.content)) for (const p of m.content) if (typeof p.text === "string") texts.push(p.text);
  }
  return texts;
}

function promptTokens(req: ChatRequest, textTokens: number, imageCount: number): number {
  // Qwen2.5-VL spends one token per 28×28 patch of a 200×200 image, plus its markers.
  return textTokens + req.messages.length * 4 + imageCount * (8 * 8 + 2);
}

async function chatCompletions(request: Request, options: EngineOptions): Promise<Response> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new ProtocolError(415, "Send the request body as JSON, with `Content-Type: application/json`.");
  }
  const req = parseChatRequest(await readBodyText(request, LIMITS.engineBodyBytes));
  if (!MODEL_IDS.includes(req.model)) throw unknownModel(req.model);
  checkSampling(req);
  const turn = lastUserTurn(req);
  checkTurnLimits(turn);
  const answer = await computeAnswer(
    { text: turn.text, images: turn.images, model: req.model, texts: messageTexts(req), ...(req.seed != null ? { seed: req.seed } : {}) },
    { timeLimitMs: options.timeLimitMs, signal: request.signal },
  );
  const prepared: { role: EngineRole; answer: () => string } = { role: answer.role, answer: () => answer.text };
  const id = `chatcmpl-${(++sequence).toString(36)}${Date.now().toString(36)}`;
  const created = Math.floor(Date.now() / 1000);
  const maxTokens = req.max_tokens ?? req.max_completion_tokens ?? Infinity;
  const usageBase = promptTokens(req, answer.promptTextTokens, turn.images.length);
  counters.started += 1;

  if (!req.stream) {
    const full = prepared.answer();
    const cut = truncateToTokens(full, maxTokens);
    const usage: Usage = { prompt_tokens: usageBase, completion_tokens: cut.tokens.length, total_tokens: usageBase + cut.tokens.length };
    counters.completed += 1;
    return jsonResponse(completionBody(id, created, req.model, cut.text, cut.truncated ? "length" : "stop", usage), 200, COMMON_HEADERS);
  }

  const tps = resolveTokensPerSecond(options.tokensPerSecond);
  const includeUsage = req.stream_options?.include_usage === true;
  const encoder = new TextEncoder();
  let stopped = false;
  let sent = 0;
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let wake: (() => void) | null = null;
  let finished = false;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    wake?.();
    if (!finished) {
      counters.aborted += 1;
      options.onAbort?.({ id, role: prepared.role, sentTokens: sent, totalTokens: total });
    }
  };
  const onSignal = () => stop();
  request.signal?.addEventListener("abort", onSignal, { once: true });

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      counters.active += 1;
      const send = (text: string) => {
        if (!stopped) controller.enqueue(encoder.encode(text));
      };
      try {
        if (request.signal?.aborted) stop();
        let text = "";
        let finish: FinishReason = "stop";
        try {
          const full = prepared.answer();
          const cut = truncateToTokens(full, maxTokens);
          text = cut.text;
          finish = cut.truncated ? "length" : "stop";
        } catch (e) {
          // lmdeploy's mid-stream error form: an error object, then [DONE].
          send(sseData({ error: { message: `Built-in engine error: ${(e as Error).message}`, type: "internal_error", code: 500 } }));
          send(SSE_DONE);
          finished = true;
          return;
        }
        const tokens = tokenize(text);
        total = tokens.length;
        const delay = tps > 0 ? (TOKENS_PER_DELTA / tps) * 1000 : 0;
        if (tokens.length === 0) send(sseData(chunkBody(id, created, req.model, { role: "assistant", content: "" }, finish)));
        for (let i = 0; i < tokens.length && !stopped; i += TOKENS_PER_DELTA) {
          if (i > 0 && delay > 0) await sleep(delay);
          else if (i > 0 && i % (TOKENS_PER_DELTA * 64) === 0) await sleep(0); // let aborts land
          if (stopped) break;
          const piece = tokens.slice(i, i + TOKENS_PER_DELTA).join("");
          const last = i + TOKENS_PER_DELTA >= tokens.length;
          const delta = i === 0 ? { role: "assistant" as const, content: piece } : { content: piece };
          send(sseData(chunkBody(id, created, req.model, delta, last ? finish : undefined)));
          sent = Math.min(tokens.length, i + TOKENS_PER_DELTA);
        }
        if (stopped) return;
        if (includeUsage) {
          send(sseData(usageChunkBody(id, created, req.model, { prompt_tokens: usageBase, completion_tokens: total, total_tokens: usageBase + total })));
        }
        send(SSE_DONE);
        finished = true;
        counters.completed += 1;
      } finally {
        counters.active -= 1;
        request.signal?.removeEventListener("abort", onSignal);
        try {
          controller.close();
        } catch {
          // already closed or cancelled by the reader
        }
      }
    },
    cancel() {
      stop();
    },
  });

  return new Response(body, {
    status: 200,
    headers: { ...COMMON_HEADERS, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" },
  });
}
