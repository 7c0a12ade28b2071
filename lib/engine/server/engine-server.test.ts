/**
 * The protocol as a client sees it: the official `openai` npm client, unchanged, against the
 * standalone server on a free port.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI, { APIError, BadRequestError, NotFoundError } from "openai";
import { startEngineServer, type EngineServer } from "./engine-server";
import { buildCriticPrompt, buildGeneratorPrompt, buildRefinerPrompt } from "../../introsvg/prompts";
import { SAMPLING } from "../../introsvg/sampling";
import { rasterizeSvgNode } from "../../raster/node";
import { parseCritique } from "../../introsvg/critique-parser";
import { extractSvg } from "../../svg/extract-svg";
import { engineCounters } from "./engine-handler";

let server: EngineServer;
let client: OpenAI;
let slowServer: EngineServer;
const aborts: { sentTokens: number; totalTokens: number }[] = [];

beforeAll(async () => {
  server = await startEngineServer({ port: 0, tokensPerSecond: 0 });
  slowServer = await startEngineServer({ port: 0, tokensPerSecond: 100, onAbort: (info) => aborts.push(info) });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "unused", maxRetries: 0 });
});

afterAll(async () => {
  await server?.close();
  await slowServer?.close();
});

const MODEL = "introsvg-builtin";
const JSON_HEADERS = { "content-type": "application/json" };
const PROMPT = "a blue line icon of a forklift";

describe("openai client against the built-in engine", () => {
  it("lists the model", async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => [m.id, m.owned_by])).toEqual([
      [MODEL, "introsvg-studio"],
      ["internsvg-builtin", "introsvg-studio"],
      ["chat-builtin", "introsvg-studio"],
    ]);
  });

  it("answers /health", async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it("completes without streaming", async () => {
    const res = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: buildGeneratorPrompt(PROMPT) }],
      max_tokens: SAMPLING.generator.maxTokens,
      temperature: SAMPLING.generator.temperature,
      top_p: 1,
    });
    expect(res.object).toBe("chat.completion");
    expect(res.choices[0].finish_reason).toBe("stop");
    expect(extractSvg(res.choices[0].message.content ?? "", res.choices[0].finish_reason).status).toBe("ok");
    expect(res.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("streams, with usage when asked", async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: buildGeneratorPrompt(PROMPT) }],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 6000,
    });
    let text = "";
    const finishes: (string | null | undefined)[] = [];
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      for (const c of chunk.choices) {
        text += c.delta.content ?? "";
        finishes.push(c.finish_reason);
      }
    }
    expect(finishes[finishes.length - 1]).toBe("stop");
    expect(finishes.slice(0, -1).every((f) => f == null)).toBe(true);
    expect(text.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">`)).toBe(true);
    expect(usage?.completion_tokens).toBeGreaterThan(10);
  });

  it("critiques an image_url data-URL part, and the refiner answers the critique", async () => {
    const draft = (await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: buildGeneratorPrompt(PROMPT) }] })).choices[0]
      .message.content!;
    const critiqueText = (
      await client.chat.completions.create({
        model: MODEL,
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: buildCriticPrompt(PROMPT) },
              { type: "image_url", image_url: { url: await rasterizeSvgNode(draft) } },
            ],
          },
        ],
        max_tokens: SAMPLING.critic.maxTokens,
        temperature: SAMPLING.critic.temperature,
      })
    ).choices[0].message.content!;
    const critique = parseCritique(critiqueText);
    expect(critique.ok).toBe(true);
    if (!critique.ok) return;
    const refined = (
      await client.chat.completions.create({
        model: MODEL,
        messages: [
          {
            role: "user",
            content: buildRefinerPrompt({ originPrompt: PROMPT, svg: draft, critique: critique.value.critique, suggestions: critique.value.suggestions }),
          },
        ],
      })
    ).choices[0].message.content!;
    expect(extractSvg(refined).status).toBe("ok");
  });

  it("cuts the output at max_tokens with finish_reason length (both modes)", async () => {
    const res = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: buildGeneratorPrompt(PROMPT) }], max_tokens: 30 });
    expect(res.choices[0].finish_reason).toBe("length");
    expect(res.usage?.completion_tokens).toBe(30);
    expect(extractSvg(res.choices[0].message.content!, "length").status).toBe("truncated");
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: buildGeneratorPrompt(PROMPT) }],
      max_tokens: 30,
      stream: true,
    });
    let last: string | null | undefined;
    for await (const chunk of stream) last = chunk.choices[0]?.finish_reason ?? last;
    expect(last).toBe("length");
  });

  // lmdeploy's error bodies are flat; the openai client only reads a nested `error` object, so
  // (exactly as against lmdeploy) it raises the right typed error without the server's message.
  // The flat body itself is checked with fetch.
  it("reports an unknown model as a 404 in lmdeploy's flat form", async () => {
    const error = await client.chat.completions.create({ model: "nope", messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as APIError).status).toBe(404);
    const raw = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify({ model: "nope", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(raw.status).toBe(404);
    expect(await raw.json()).toEqual({
      object: "error",
      message: "The model `nope` does not exist.",
      type: "invalid_request_error",
      param: "model",
      code: 404,
    });
  });

  it("reports a malformed request as a 400 in lmdeploy's flat form", async () => {
    const error = await client.chat.completions
      .create({ model: MODEL, messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/x.png" } }] }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as APIError).status).toBe(400);
    const raw = await fetch(`${server.url}/v1/chat/completions`, { method: "POST", headers: JSON_HEADERS, body: "{oops" });
    expect(raw.status).toBe(400);
    const body = await raw.json();
    expect(body.object).toBe("error");
    expect(body.code).toBe(400);
    expect(body.message).toMatch(/not valid JSON/);
  });

  it("stops generating server-side when the client aborts the stream", async () => {
    const slow = new OpenAI({ baseURL: `${slowServer.url}/v1`, apiKey: "unused", maxRetries: 0 });
    const before = engineCounters().aborted;
    const controller = new AbortController();
    const stream = await slow.chat.completions.create(
      { model: MODEL, messages: [{ role: "user", content: buildGeneratorPrompt("a hamburger with cheese and lettuce on it") }], stream: true },
      { signal: controller.signal },
    );
    let received = 0;
    try {
      for await (const chunk of stream) {
        received += chunk.choices[0]?.delta.content?.length ?? 0;
        if (received > 50) controller.abort();
      }
    } catch {
      // the client may surface the abort as an error; either way the stream ends early
    }
    expect(received).toBeGreaterThan(50);
    for (let i = 0; i < 50 && aborts.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(aborts).toHaveLength(1);
    expect(aborts[0].sentTokens).toBeLessThan(aborts[0].totalTokens / 2);
    expect(engineCounters().aborted).toBeGreaterThan(before);
  });
});
