/**
 * streamStep (runStep streamed as a UI message stream) end to end: the studio's chat-completions client and fetch against a small node:http server
 * that speaks lmdeploy's dialect (finish_reason absent until the last chunk, `data: [DONE]`,
 * flat error bodies, the proxy's bare `{"error_code":…}` line).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { buildCriticPrompt, buildGeneratorPrompt, buildRefinerPrompt } from "../introsvg/prompts";
import { readInferenceConfig, type InferenceConfig } from "./config";
import type { StepEnd, StepError } from "../contract/step-contract";
import { streamStep, TEXT_FLUSH_MS } from "./step-stream";
import type { StepInput } from "./step-calls";
import { clearModelCache } from "./upstream-models";
import { critiqueRoute, generateRoute } from "../routes/step-routes";
import { dataUrl, solidPng } from "../../test/support/png";
import { startRecordingServer, type RecordingServer } from "../../test/support/recording-server";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown> | null;
}

type Behaviour = (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown> | null) => void | Promise<void>;

let server: RecordingServer;
let baseURL: string;
let behaviour: Behaviour;
let seen: Seen[] = [];

beforeAll(async () => {
  server = await startRecordingServer((req, res, body) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
    return behaviour(req, res, body);
  });
  baseURL = `${server.origin}/v1`;
});

afterAll(() => server.close());

beforeEach(() => {
  seen = [];
  clearModelCache();
});

function config(extra: Record<string, string> = {}): InferenceConfig {
  return readInferenceConfig({ INFERENCE_BASE_URL: baseURL, INFERENCE_MODEL: "m", ...extra });
}

const PROMPT = "A gray headset icon represents communication and customer support.";
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path fill="#A6AAAF" d="M175 104 C170 104 167 101 167 96 Z" />\n<path fill="#E2E4EA" d="M100 146 Z" /></svg>';

const generatorCall = (): StepInput => ({ role: "generate", prompt: PROMPT });

function chunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  // lmdeploy drops null fields: no finish_reason key at all until the last chunk.
  return `data: ${JSON.stringify({ id: "1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta, ...extra }] })}\n\n`;
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function startSse(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
}

/** Streams `text` the way lmdeploy does, ending with finish_reason, usage and [DONE]. */
function lmdeployStream(text: string, finishReason = "stop"): Behaviour {
  return async (_req, res) => {
    startSse(res);
    res.write(chunk({ role: "assistant", content: "" }));
    for (const piece of pieces(text, 7)) {
      res.write(chunk({ content: piece }));
      await new Promise((r) => setImmediate(r));
    }
    res.write(chunk({ content: "" }, { finish_reason: finishReason }));
    res.write(
      `data: ${JSON.stringify({ id: "1", object: "chat.completion.chunk", created: 1, model: "m", choices: [], usage: { prompt_tokens: 31, completion_tokens: 57, total_tokens: 88 } })}\n\n`,
    );
    res.end("data: [DONE]\n\n");
  };
}

type UiChunk =
  | { type: "data-stepStart"; data: { role: string; model: string } }
  | { type: "data-stepEnd"; data: StepEnd }
  | { type: "data-stepError"; data: StepError }
  | { type: "text-start" | "text-end"; id: string }
  | { type: "text-delta"; id: string; delta: string }
  | { type: string };

/** Reads a UI message stream response into its chunks; `onChunk` may abort along the way. */
async function readUiStream(response: Response, onChunk?: (c: UiChunk) => void): Promise<UiChunk[]> {
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const out: UiChunk[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let at: number;
    while ((at = buffer.indexOf("\n\n")) >= 0) {
      const event = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      const data = event.replace(/^data: /, "");
      if (data === "[DONE]") continue;
      const parsed = JSON.parse(data) as UiChunk;
      out.push(parsed);
      onChunk?.(parsed);
    }
  }
  return out;
}

const textOf = (chunks: UiChunk[]) =>
  chunks
    .filter((c): c is { type: "text-delta"; id: string; delta: string } => c.type === "text-delta")
    .map((c) => c.delta)
    .join("");
const find = <T extends UiChunk["type"]>(chunks: UiChunk[], type: T) => chunks.filter((c) => c.type === type) as Extract<UiChunk, { type: T }>[];

describe("streamStep against an lmdeploy-style server", () => {
  it("streams stepStart, the exact text and stepEnd with finishReason stop", async () => {
    behaviour = lmdeployStream(SVG);
    const chunks = await readUiStream(streamStep(config(), generatorCall(), new AbortController().signal));
    const framing = chunks.map((c) => c.type).filter((t) => t !== "text-delta" && t !== "start" && t !== "finish");
    expect(framing).toEqual(["data-stepStart", "text-start", "text-end", "data-stepEnd"]);
    expect(find(chunks, "data-stepStart")[0].data).toEqual({ role: "generate", model: "m" });
    expect(textOf(chunks)).toBe(SVG);
    const end = find(chunks, "data-stepEnd")[0].data;
    expect(end.finishReason).toBe("stop");
    expect(end.usage).toEqual({ inputTokens: 31, outputTokens: 57 });
    expect(end.ttftMs).toBeGreaterThanOrEqual(0);
    expect(end.durationMs).toBeGreaterThanOrEqual(end.ttftMs ?? 0);
  });

  it("passes on the tokens of one network read as one delta, and text after an error event is never sent", async () => {
    const tokens = pieces(SVG, 3);
    behaviour = async (_req, res) => {
      startSse(res);
      // An instant upstream: a token per event, many events in one write.
      res.write(tokens.map((t) => chunk({ content: t })).join(""));
      await new Promise((r) => setTimeout(r, 20));
      res.write(chunk({ content: "<!--second read-->" }) + `data: ${JSON.stringify({ error: { message: "worker died" } })}\n\n` + chunk({ content: "never" }));
      res.end();
    };
    const chunks = await readUiStream(streamStep(config(), generatorCall(), new AbortController().signal));
    expect(tokens.length).toBeGreaterThan(50);
    expect(find(chunks, "text-delta").map((c) => c.delta)).toEqual([SVG, "<!--second read-->"]);
    expect(find(chunks, "data-stepError")[0].data.message).toContain("worker died");
  });

  it("sends the first token at once and gathers later ones for TEXT_FLUSH_MS: fewer events than reads, the same text", async () => {
    const tokens = pieces(SVG, 4);
    behaviour = async (_req, res) => {
      startSse(res);
      // A paced upstream: a token a read, 2 ms apart (the studio's load bench streams this way).
      for (const t of tokens) {
        res.write(chunk({ content: t }));
        await new Promise((r) => setTimeout(r, 2));
      }
      res.write(chunk({}, { finish_reason: "stop" }) + "data: [DONE]\n\n");
      res.end();
    };
    const chunks = await readUiStream(streamStep(config(), generatorCall(), new AbortController().signal));
    const deltas = find(chunks, "text-delta").map((c) => c.delta);
    // The first read goes out alone (on a loaded machine one read may hold more than one token).
    expect(deltas[0].startsWith(tokens[0])).toBe(true);
    expect(deltas[0].length).toBeLessThan(SVG.length / 2);
    expect(deltas.join("")).toBe(SVG);
    // ~40 reads over ≥ 80 ms: at most one event per 25 ms after the first, and at least two.
    expect(tokens.length).toBeGreaterThan(30);
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.length).toBeLessThan(tokens.length / 3);
    expect(TEXT_FLUSH_MS).toBe(25);
  });

  it("sends the generator's sampling, streaming with usage, and the prompt as the only user message", async () => {
    behaviour = lmdeployStream(SVG);
    await readUiStream(streamStep(config(), generatorCall(), new AbortController().signal));
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect([request.method, request.url]).toEqual(["POST", "/v1/chat/completions"]);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toMatchObject({
      model: "m",
      max_tokens: 6000,
      temperature: 0.5,
      top_p: 1,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: buildGeneratorPrompt(PROMPT) }],
    });
    // No system message, no session_id, no top_k unless configured.
    expect(request.body?.messages).toHaveLength(1);
    expect(request.body).not.toHaveProperty("session_id");
    expect(request.body).not.toHaveProperty("top_k");
  });

  it("sends the refiner's sampling and byte-exact refiner text", async () => {
    behaviour = lmdeployStream(SVG);
    const text = buildRefinerPrompt({ originPrompt: PROMPT, svg: SVG, critique: 'It is "fine".', suggestions: "1. A\n2. B" });
    const input: StepInput = { role: "refine", prompt: PROMPT, svg: SVG, critique: 'It is "fine".', suggestions: "1. A\n2. B" };
    await readUiStream(streamStep(config(), input, new AbortController().signal));
    expect(seen[0].body).toMatchObject({ max_tokens: 6000, temperature: 0.2, top_p: 1, messages: [{ role: "user", content: text }] });
  });

  it("sends a critique as [text, image_url] with the critic's sampling, the key and top_k when configured", async () => {
    behaviour = lmdeployStream('{"score": 7.5, "critique": "ok", "suggestions": "1. x"}');
    const png = `data:image/png;base64,${Buffer.from("\x89PNG\r\n\x1a\n fake png bytes").toString("base64")}`;
    const call: StepInput = { role: "critique", prompt: PROMPT, png, final: false };
    const chunks = await readUiStream(
      streamStep(config({ INFERENCE_API_KEY: "sk-test", INFERENCE_CRITIC_MODEL: "critic-m", INFERENCE_TOP_K: "40" }), call, new AbortController().signal),
    );
    expect(find(chunks, "data-stepStart")[0].data).toEqual({ role: "critique", model: "critic-m" });
    const { body, headers } = seen[0];
    expect(headers.authorization).toBe("Bearer sk-test");
    expect(body).toMatchObject({ model: "critic-m", max_tokens: 2048, temperature: 0.1, top_k: 40, stream: true, stream_options: { include_usage: true } });
    expect(body).not.toHaveProperty("top_p");
    const messages = body?.messages as { role: string; content: unknown }[];
    expect(messages).toHaveLength(1);
    expect(messages[0].role).toBe("user");
    expect(messages[0].content).toEqual([
      { type: "text", text: buildCriticPrompt(PROMPT) },
      { type: "image_url", image_url: { url: png } },
    ]);
    const [textPart] = messages[0].content as { text: string }[];
    expect(Buffer.from(textPart.text).equals(Buffer.from(buildCriticPrompt(PROMPT)))).toBe(true);
    expect(textPart.text).toContain("draft<image> according");
  });

  it("sends the final critique at temperature 0", async () => {
    behaviour = lmdeployStream("{}");
    await readUiStream(
      streamStep(config(), { role: "critique", prompt: PROMPT, png: "data:image/png;base64,AAAA", final: true }, new AbortController().signal),
    );
    expect(seen[0].body).toMatchObject({ max_tokens: 2048, temperature: 0 });
  });

  it('passes finish_reason "length" through', async () => {
    behaviour = lmdeployStream(SVG.slice(0, 50), "length");
    const chunks = await readUiStream(streamStep(config(), generatorCall(), new AbortController().signal));
    expect(find(chunks, "data-stepEnd")[0].data.finishReason).toBe("length");
    expect(textOf(chunks)).toBe(SVG.slice(0, 50));
  });

  it("asks GET /models for the model when none is configured", async () => {
    behaviour = (req, res) => {
      if (req.url === "/v1/models") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ object: "list", data: [{ id: "IntroSVG-Qwen2.5-VL-7B", object: "model" }] }));
        return;
      }
      return lmdeployStream("ok")(req, res, null);
    };
    const chunks = await readUiStream(streamStep(readInferenceConfig({ INFERENCE_BASE_URL: baseURL }), generatorCall(), new AbortController().signal));
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(["GET /v1/models", "POST /v1/chat/completions"]);
    expect(seen[1].body?.model).toBe("IntroSVG-Qwen2.5-VL-7B");
    expect(find(chunks, "data-stepStart")[0].data.model).toBe("IntroSVG-Qwen2.5-VL-7B");
  });
});

describe("streamStep errors", () => {
  it("a flat lmdeploy 400 body becomes a stepError with the server's message", async () => {
    behaviour = (_req, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ message: "The input token length exceeds session_len 8192.", type: "invalid_request_error", code: 400, param: null, object: "error" }),
      );
    };
    const chunks = await readUiStream(streamStep(config(), generatorCall(), new AbortController().signal));
    const errors = find(chunks, "data-stepError");
    expect(errors).toHaveLength(1);
    expect(errors[0].data.code).toBe("upstream:http");
    expect(errors[0].data.message).toContain("400");
    expect(errors[0].data.message).toContain("The input token length exceeds session_len 8192.");
    expect(find(chunks, "data-stepEnd")).toHaveLength(0);
  });

  it("a nested OpenAI-style error body is read too", async () => {
    behaviour = (_req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" } }));
    };
    const chunks = await readUiStream(streamStep(config(), generatorCall(), new AbortController().signal));
    expect(find(chunks, "data-stepError")[0].data).toMatchObject({ code: "upstream:http", message: expect.stringContaining("Incorrect API key provided.") });
  });

  it("a bare proxy error line mid-stream becomes upstream:stream with its text, after the text so far", async () => {
    behaviour = async (_req, res) => {
      startSse(res);
      res.write(chunk({ role: "assistant", content: "<svg xmlns" }));
      await new Promise((r) => setImmediate(r));
      res.write('{"error_code":10402,"text":"Failed to get response after a period of time"}\n');
      res.end("data: [DONE]\n\n");
    };
    const chunks = await readUiStream(streamStep(config(), generatorCall(), new AbortController().signal));
    expect(textOf(chunks)).toBe("<svg xmlns");
    const errors = find(chunks, "data-stepError");
    expect(errors).toHaveLength(1);
    expect(errors[0].data.code).toBe("upstream:stream");
    expect(errors[0].data.message).toContain("Failed to get response after a period of time");
    expect(find(chunks, "data-stepEnd")).toHaveLength(0);
  });

  it('a data: {"error"} event mid-stream becomes upstream:stream', async () => {
    behaviour = async (_req, res) => {
      startSse(res);
      res.write(chunk({ content: "<svg" }));
      res.write(`data: ${JSON.stringify({ error: { message: "CUDA out of memory", type: "internal_error", code: 500 } })}\n\n`);
      res.end("data: [DONE]\n\n");
    };
    const chunks = await readUiStream(streamStep(config(), generatorCall(), new AbortController().signal));
    expect(find(chunks, "data-stepError")[0].data).toMatchObject({ code: "upstream:stream", message: expect.stringContaining("CUDA out of memory") });
  });

  it("a 200 JSON answer from the proxy (no worker) is an upstream:http error with its text", async () => {
    behaviour = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ error_code: 10400, text: "No available worker" }));
    };
    const chunks = await readUiStream(streamStep(config(), generatorCall(), new AbortController().signal));
    expect(find(chunks, "data-stepError")[0].data).toMatchObject({ code: "upstream:http", message: expect.stringContaining("No available worker") });
  });

  it("a socket destroyed mid-stream is upstream:dropped", async () => {
    behaviour = async (_req, res) => {
      startSse(res);
      res.write(chunk({ role: "assistant", content: "<svg xmlns=" }));
      await new Promise((r) => setTimeout(r, 20));
      res.socket?.destroy();
    };
    const chunks = await readUiStream(streamStep(config(), generatorCall(), new AbortController().signal));
    expect(textOf(chunks)).toBe("<svg xmlns=");
    expect(find(chunks, "data-stepError")[0].data.code).toBe("upstream:dropped");
    expect(find(chunks, "data-stepEnd")).toHaveLength(0);
  });

  it("a stream that ends without finish_reason or [DONE] is upstream:dropped", async () => {
    behaviour = (_req, res) => {
      startSse(res);
      res.end(chunk({ role: "assistant", content: "<svg" }));
    };
    const chunks = await readUiStream(streamStep(config(), generatorCall(), new AbortController().signal));
    expect(textOf(chunks)).toBe("<svg");
    expect(find(chunks, "data-stepError")[0].data).toEqual({
      code: "upstream:dropped",
      message: "The inference server's stream ended before it finished (no finish_reason).",
      transient: true,
    });
  });

  it("an unreachable server is upstream:unreachable", async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, "127.0.0.1", resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const chunks = await readUiStream(
      streamStep(
        readInferenceConfig({ INFERENCE_BASE_URL: `http://127.0.0.1:${port}/v1`, INFERENCE_MODEL: "m" }),
        generatorCall(),
        new AbortController().signal,
      ),
    );
    expect(find(chunks, "data-stepError")[0].data.code).toBe("upstream:unreachable");
  });

  it("a server silent past the timeout is upstream:timeout", async () => {
    let closed!: () => void;
    const upstreamClosed = new Promise<void>((r) => (closed = r));
    behaviour = (_req, res) => {
      res.on("close", closed);
      startSse(res); // headers, then nothing
    };
    const chunks = await readUiStream(streamStep(config({ INFERENCE_TIMEOUT_MS: "150" }), generatorCall(), new AbortController().signal));
    expect(find(chunks, "data-stepError")[0].data).toMatchObject({ code: "upstream:timeout" });
    await upstreamClosed;
  });
});

describe("streamStep abort", () => {
  it("aborting the signal closes the upstream connection before it finishes, and ends the stream quietly", async () => {
    let finished = false;
    let closedAt: number | null = null;
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((r) => (upstreamClosed = r));
    behaviour = async (_req, res) => {
      res.on("close", () => {
        closedAt = Date.now();
        upstreamClosed();
      });
      startSse(res);
      for (let i = 0; i < 200 && !res.destroyed; i++) {
        res.write(chunk({ content: `<g id="${i}"/>` }));
        await new Promise((r) => setTimeout(r, 10));
      }
      if (!res.destroyed) {
        finished = true;
        res.write(chunk({ content: "" }, { finish_reason: "stop" }));
        res.end("data: [DONE]\n\n");
      }
    };
    const controller = new AbortController();
    const started = Date.now();
    const chunks = await readUiStream(streamStep(config(), generatorCall(), controller.signal), (c) => {
      if (c.type === "text-delta") controller.abort();
    });
    await closed;
    expect(finished).toBe(false);
    expect(closedAt).not.toBeNull();
    expect((closedAt ?? Infinity) - started).toBeLessThan(1500);
    expect(textOf(chunks).length).toBeGreaterThan(0);
    // An abort is not an error: no stepError, no stepEnd.
    expect(find(chunks, "data-stepError")).toHaveLength(0);
    expect(find(chunks, "data-stepEnd")).toHaveLength(0);
  });
});

describe("the step routes over streamStep", () => {
  beforeEach(() => {
    vi.stubEnv("INFERENCE_BASE_URL", baseURL);
    vi.stubEnv("INFERENCE_MODEL", "m");
    for (const name of ["INFERENCE_TOP_K", "INFERENCE_API_KEY", "INFERENCE_CRITIC_MODEL", "INFERENCE_TIMEOUT_MS"]) vi.stubEnv(name, "");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const post = (body: unknown) =>
    new Request("http://studio.local/api/step", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("the critique route sends [text, image_url] with the byte-exact critic text, temperature 0 when final", async () => {
    behaviour = lmdeployStream('{"score": 9}');
    const png = dataUrl(solidPng(4, 4));
    const response = await critiqueRoute(post({ prompt: PROMPT, png, final: true }));
    expect(response.status).toBe(200);
    const chunks = await readUiStream(response);
    expect(find(chunks, "data-stepEnd")).toHaveLength(1);
    expect(seen[0].body).toMatchObject({
      max_tokens: 2048,
      temperature: 0,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: buildCriticPrompt(PROMPT) },
            { type: "image_url", image_url: { url: png } },
          ],
        },
      ],
    });
  });

  it("the generate route answers a bad request with 400 and never calls upstream", async () => {
    const response = await generateRoute(post({ prompt: "" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "bad_request", message: "prompt: prompt must not be empty" } });
    expect(seen).toHaveLength(0);
  });

  it("a bad setting is a 500 config error naming the variable", async () => {
    vi.stubEnv("INFERENCE_TOP_K", "forty");
    const response = await generateRoute(post({ prompt: "a kite" }));
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: StepError };
    expect(body.error.code).toBe("config");
    expect(body.error.message).toContain("INFERENCE_TOP_K");
    expect(seen).toHaveLength(0);
  });
});
