import { describe, expect, it } from "vitest";
import { handleEngineRequest, engineCounters, resolveTokensPerSecond } from "./engine-handler";
import { buildCriticPrompt, buildGeneratorPrompt } from "../../introsvg/prompts";
import { CHAT_REPLY, NO_IMAGE_CRITIQUE } from "../worker/answer-turn";
import { countTokens } from "../protocol/tokenize";

const BASE = "http://engine.test/v1";

function post(body: unknown, init: RequestInit = {}): Request {
  return new Request(`${BASE}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

const call = (req: Request, path = "/chat/completions") => handleEngineRequest(req, path, { tokensPerSecond: 0 });
const user = (content: unknown) => ({ model: "introsvg-builtin", messages: [{ role: "user", content }] });

async function sse(res: Response): Promise<string[]> {
  const text = await res.text();
  return text.split("\n\n").filter(Boolean);
}

describe("engine handler: endpoints", () => {
  it("answers /health and lists one model per built-in profile, IntroSVG's first", async () => {
    expect((await handleEngineRequest(new Request("http://engine.test/health"), "/health")).status).toBe(200);
    const res = await handleEngineRequest(new Request(`${BASE}/models`), "/models");
    const body = await res.json();
    expect(body.object).toBe("list");
    expect(body.data.map((m: { id: string; owned_by: string }) => [m.id, m.owned_by])).toEqual([
      ["introsvg-builtin", "introsvg-studio"],
      ["internsvg-builtin", "introsvg-studio"],
      ["chat-builtin", "introsvg-studio"],
    ]);
  });

  it("answers unknown paths and wrong methods with flat errors", async () => {
    const res = await handleEngineRequest(new Request(`${BASE}/embeddings`, { method: "POST", body: "{}" }), "/embeddings");
    expect(res.status).toBe(404);
    expect((await res.json()).object).toBe("error");
    expect((await handleEngineRequest(new Request(`${BASE}/chat/completions`), "/chat/completions")).status).toBe(405);
  });
});

describe("engine handler: errors in lmdeploy's flat form", () => {
  const cases: [string, Request, number, RegExp][] = [
    ["unknown model", post({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }), 404, /^The model `gpt-4o` does not exist\.$/],
    ["malformed JSON", post("{not json"), 400, /not valid JSON/],
    ["missing messages", post({ model: "introsvg-builtin" }), 400, /messages/],
    ["empty messages", post({ model: "introsvg-builtin", messages: [] }), 400, /at least one message/],
    ["unsupported part", post(user([{ type: "input_audio", input_audio: {} }])), 400, /Unsupported content part type `input_audio`/],
    [
      "http image",
      post(
        user([
          { type: "text", text: "x" },
          { type: "image_url", image_url: { url: "http://example.com/a.png" } },
        ]),
      ),
      400,
      /never fetches/,
    ],
    ["bad temperature", post({ ...user("hi"), temperature: 3 }), 400, /^The temperature `3` must be in \[0, 2\]$/],
    ["bad top_p", post({ ...user("hi"), top_p: 0 }), 400, /top_p/],
    ["bad max_tokens", post({ ...user("hi"), max_tokens: 0 }), 400, /max_tokens/],
  ];
  for (const [name, req, status, message] of cases) {
    it(name, async () => {
      const res = await call(req);
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(Object.keys(body).sort()).toEqual(["code", "message", "object", "param", "type"]);
      expect(body.object).toBe("error");
      expect(body.code).toBe(status);
      expect(body.message).toMatch(message);
    });
  }

  it("accepts and ignores unknown sampling fields", async () => {
    const res = await call(post({ ...user("hi"), top_k: 40, repetition_penalty: 1.05, seed: 7, frequency_penalty: 0 }));
    expect(res.status).toBe(200);
  });
});

describe("engine handler: answers", () => {
  it("explains itself to free chat", async () => {
    const body = await (await call(post(user("hello")))).json();
    expect(body.choices[0].message.content).toBe(CHAT_REPLY);
    expect(body.choices[0].finish_reason).toBe("stop");
  });

  it("answers a critic prompt without an image with a zero-score critique", async () => {
    const body = await (await call(post(user([{ type: "text", text: buildCriticPrompt("a red apple") }])))).json();
    expect(body.choices[0].message.content).toBe(NO_IMAGE_CRITIQUE);
    expect(JSON.parse(body.choices[0].message.content).score).toBe(0);
  });

  it("streams in lmdeploy's dialect: role first, finish_reason only last, usage on request, [DONE]", async () => {
    const res = await call(post({ ...user(buildGeneratorPrompt("a blue line icon of a forklift")), stream: true, stream_options: { include_usage: true } }));
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = await sse(res);
    expect(events[events.length - 1]).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, "")));
    const usage = chunks.pop();
    expect(usage.choices).toEqual([]);
    expect(usage.usage.completion_tokens).toBeGreaterThan(10);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    chunks.slice(0, -1).forEach((c) => expect("finish_reason" in c.choices[0]).toBe(false));
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe("stop");
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.model === "introsvg-builtin" && c.id === chunks[0].id)).toBe(true);
    const text = chunks.map((c) => c.choices[0].delta.content).join("");
    expect(text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 200 200">[\s\S]*<\/svg>$/);
    expect(usage.usage.completion_tokens).toBe(countTokens(text));
    expect(usage.usage.total_tokens).toBe(usage.usage.prompt_tokens + usage.usage.completion_tokens);
  });

  it("leaves usage out of the stream unless asked", async () => {
    const events = await sse(await call(post({ ...user("hello"), stream: true })));
    expect(events.some((e) => e.includes('"usage"'))).toBe(false);
  });

  it("cuts at max_tokens and says finish_reason length", async () => {
    const body = await (await call(post({ ...user(buildGeneratorPrompt("a red heart")), max_tokens: 25 }))).json();
    expect(body.choices[0].finish_reason).toBe("length");
    expect(body.usage.completion_tokens).toBe(25);
    expect(body.choices[0].message.content.startsWith("<svg")).toBe(true);
    expect(body.choices[0].message.content).not.toContain("</svg>");
  });

  it("is deterministic: same input, same output", async () => {
    const ask = async () => (await (await call(post(user(buildGeneratorPrompt("a cup of coffee"))))).json()).choices[0].message.content;
    expect(await ask()).toBe(await ask());
  });
});

describe("engine handler: pacing and cancellation", () => {
  it("reads ENGINE_TOKENS_PER_SECOND, default 150", () => {
    const saved = process.env.ENGINE_TOKENS_PER_SECOND;
    delete process.env.ENGINE_TOKENS_PER_SECOND;
    expect(resolveTokensPerSecond()).toBe(150);
    process.env.ENGINE_TOKENS_PER_SECOND = "0";
    expect(resolveTokensPerSecond()).toBe(0);
    expect(resolveTokensPerSecond(42)).toBe(42);
    if (saved === undefined) delete process.env.ENGINE_TOKENS_PER_SECOND;
    else process.env.ENGINE_TOKENS_PER_SECOND = saved;
  });

  it("streams at the requested pace", async () => {
    const started = Date.now();
    const res = await handleEngineRequest(post({ ...user("hello"), stream: true }), "/chat/completions", { tokensPerSecond: 600 });
    await res.text();
    const tokens = 120; // the note is ~120 tokens → ~0.2 s at 600 tokens/s
    expect(Date.now() - started).toBeGreaterThanOrEqual((tokens / 600) * 1000 * 0.5);
  });

  it("stops generating when the client aborts (request.signal)", async () => {
    const controller = new AbortController();
    const aborted: { sentTokens: number; totalTokens: number }[] = [];
    const before = engineCounters();
    const res = await handleEngineRequest(
      post({ ...user(buildGeneratorPrompt("a blue line icon of a forklift")), stream: true }, { signal: controller.signal }),
      "/chat/completions",
      {
        tokensPerSecond: 200,
        onAbort: (info) => aborted.push(info),
      },
    );
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    for (;;) if ((await reader.read()).done) break;
    expect(aborted).toHaveLength(1);
    expect(aborted[0].sentTokens).toBeLessThan(aborted[0].totalTokens);
    const after = engineCounters();
    expect(after.aborted).toBe(before.aborted + 1);
    expect(after.active).toBe(before.active);
  });

  it("stops generating when the response stream is cancelled", async () => {
    const aborted: number[] = [];
    const res = await handleEngineRequest(post({ ...user(buildGeneratorPrompt("a green leaf")), stream: true }), "/chat/completions", {
      tokensPerSecond: 200,
      onAbort: (info) => aborted.push(info.sentTokens),
    });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 50));
    expect(aborted).toHaveLength(1);
  });
});
