import { describe, expect, it } from "vitest";
import { callStep, createHttpModelPort } from "./step-client";
import type { StepEnd } from "../contract/step-contract";

type Fetch = typeof globalThis.fetch;
const encoder = new TextEncoder();

const sse = (chunk: unknown) => `data: ${JSON.stringify(chunk)}\n\n`;
const START = sse({ type: "data-stepStart", data: { role: "generate", model: "introsvg-7b" } });
const END_DATA: StepEnd = { finishReason: "stop", usage: { inputTokens: 31, outputTokens: 412 }, ttftMs: 120, durationMs: 2400 };
const END = sse({ type: "data-stepEnd", data: END_DATA });
const TEXT = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path fill="#E2E4EA" d="M100 146 C128 146 150 123 150 96 Z" /></svg>';

function textParts(text: string, size: number): string[] {
  const parts = [sse({ type: "text-start", id: "output" })];
  for (let i = 0; i < text.length; i += size) parts.push(sse({ type: "text-delta", id: "output", delta: text.slice(i, i + size) }));
  parts.push(sse({ type: "text-end", id: "output" }));
  return parts;
}

/** A Response whose body is the given SSE pieces, split into arbitrary byte chunks. */
function sseResponse(pieces: string[], chunkSize = 37): Response {
  const bytes = encoder.encode(pieces.join(""));
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += chunkSize) controller.enqueue(bytes.slice(i, i + chunkSize));
        controller.close();
      },
    }),
    { status: 200, headers: { "content-type": "text/event-stream", "x-vercel-ai-ui-message-stream": "v1" } },
  );
}

function fakeFetch(respond: (input: RequestInfo | URL, init?: RequestInit) => Response | Promise<Response>) {
  const calls: { input: RequestInfo | URL; init?: RequestInit }[] = [];
  const impl: Fetch = async (input, init) => {
    calls.push({ input, init });
    return respond(input, init);
  };
  return { impl, calls };
}

function collector() {
  const deltas: string[] = [];
  return { deltas, handlers: { onDelta: (t: string) => deltas.push(t) } };
}

describe("callStep", () => {
  it("POSTs the JSON body with the signal and delivers every delta in order", async () => {
    const { impl, calls } = fakeFetch(() => sseResponse([START, ...textParts(TEXT, 3), END, "data: [DONE]\n\n"]));
    const { deltas, handlers } = collector();
    const signal = new AbortController().signal;
    const body = { prompt: "a gray headset" };
    const result = await callStep("/api/generate", body, handlers, signal, impl);

    expect(result).toEqual({ ok: true, meta: { model: "introsvg-7b", usage: END_DATA.usage, ttftMs: 120, durationMs: 2400, finishReason: "stop" } });
    expect(deltas.join("")).toBe(TEXT);
    expect(deltas.every((d) => d.length > 0)).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0].input).toBe("/api/generate");
    expect(calls[0].init).toMatchObject({ method: "POST", body: JSON.stringify(body), signal });
    expect(new Headers(calls[0].init?.headers).get("content-type")).toBe("application/json");
  });

  it("coalesces a burst of deltas into few onDelta calls", async () => {
    const { impl } = fakeFetch(() => sseResponse([START, ...textParts(TEXT, 1), END], 1 << 16));
    const { deltas, handlers } = collector();
    await callStep("/api/generate", {}, handlers, new AbortController().signal, impl);
    expect(deltas.join("")).toBe(TEXT);
    expect(deltas.length).toBeLessThan(TEXT.length / 4);
  });

  it("flushes a delta while the stream is still open, not only at its end", async () => {
    const { deltas, handlers } = collector();
    let atSecondDelta: string[] = [];
    const { impl } = fakeFetch(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            async start(controller) {
              controller.enqueue(encoder.encode(START + textParts("first ", 100).slice(0, 2).join("")));
              await new Promise((r) => setTimeout(r, 150));
              atSecondDelta = [...deltas];
              controller.enqueue(encoder.encode(sse({ type: "text-delta", id: "output", delta: "second" }) + END));
              controller.close();
            },
          }),
          { status: 200 },
        ),
    );
    const result = await callStep("/api/generate", {}, handlers, new AbortController().signal, impl);
    expect(result.ok).toBe(true);
    expect(atSecondDelta).toEqual(["first "]);
    expect(deltas.join("")).toBe("first second");
  });

  it("returns a data-stepError as { ok: false } after delivering the text so far", async () => {
    const error = { code: "upstream:stream", message: "The inference server reported an error mid-stream: Failed to get response" };
    const { impl } = fakeFetch(() => sseResponse([START, ...textParts("<svg><pa", 2).slice(0, -1), sse({ type: "data-stepError", data: error })]));
    const { deltas, handlers } = collector();
    expect(await callStep("/api/generate", {}, handlers, new AbortController().signal, impl)).toEqual({ ok: false, error });
    expect(deltas.join("")).toBe("<svg><pa");
  });

  it("reports a stream that ends without stepEnd as studio:dropped", async () => {
    const { impl } = fakeFetch(() => sseResponse([START, ...textParts("<svg>", 2)]));
    const { deltas, handlers } = collector();
    const result = await callStep("/api/generate", {}, handlers, new AbortController().signal, impl);
    expect(result).toEqual({ ok: false, error: { code: "studio:dropped", message: "The step's stream ended before it finished." } });
    expect(deltas.join("")).toBe("<svg>");
  });

  it("reports a body that breaks off as studio:dropped", async () => {
    const { impl } = fakeFetch(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(encoder.encode(START));
              controller.error(new TypeError("terminated"));
            },
          }),
        ),
    );
    const result = await callStep("/api/generate", {}, collector().handlers, new AbortController().signal, impl);
    expect(result).toMatchObject({ ok: false, error: { code: "studio:dropped" } });
  });

  it("reports an AI SDK error chunk and an unreadable part", async () => {
    const { impl } = fakeFetch(() => sseResponse([START, sse({ type: "error", errorText: "boom" })]));
    expect(await callStep("/api/generate", {}, collector().handlers, new AbortController().signal, impl)).toEqual({
      ok: false,
      error: { code: "studio:stream", message: "boom" },
    });
    const bad = fakeFetch(() => sseResponse([START, "data: {not json}\n\n", END]));
    expect(await callStep("/api/generate", {}, collector().handlers, new AbortController().signal, bad.impl)).toMatchObject({
      ok: false,
      error: { code: "studio:protocol" },
    });
  });

  it("returns the error message of a non-200 JSON answer", async () => {
    const error = { code: "too_large", message: "png is larger than 1 MB" };
    const { impl } = fakeFetch(() => Response.json({ error }, { status: 413 }));
    expect(await callStep("/api/critique", {}, collector().handlers, new AbortController().signal, impl)).toEqual({ ok: false, error });
  });

  it("describes a non-200 answer without a JSON error by its status", async () => {
    const { impl } = fakeFetch(() => new Response("<html>Bad Gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    expect(await callStep("/api/generate", {}, collector().handlers, new AbortController().signal, impl)).toEqual({
      ok: false,
      error: { code: "studio:http", message: "The studio answered 502 Bad Gateway." },
    });
  });

  it("reports an unreachable studio server", async () => {
    const impl: Fetch = async () => {
      throw new TypeError("Failed to fetch");
    };
    expect(await callStep("/api/generate", {}, collector().handlers, new AbortController().signal, impl)).toMatchObject({
      ok: false,
      error: { code: "studio:unreachable" },
    });
  });

  it("throws AbortError when aborted mid-stream, after delivering what arrived", async () => {
    const controller = new AbortController();
    const { deltas, handlers } = collector();
    const { impl } = fakeFetch(
      (_input, init) =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(stream) {
              stream.enqueue(encoder.encode(START + textParts("<svg", 10).slice(0, 2).join("")));
              init?.signal?.addEventListener("abort", () => stream.error(new DOMException("This operation was aborted", "AbortError")));
              setTimeout(() => controller.abort(), 10);
            },
          }),
        ),
    );
    const error = await callStep("/api/generate", {}, handlers, controller.signal, impl).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    expect(deltas.join("")).toBe("<svg");
  });

  it("throws AbortError when aborted before the answer", async () => {
    const controller = new AbortController();
    const impl: Fetch = (_input, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const pending = callStep("/api/generate", {}, collector().handlers, controller.signal, impl);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("createHttpModelPort", () => {
  it("maps each port method to its route with the input as the body", async () => {
    const { impl, calls } = fakeFetch(() => sseResponse([START, END]));
    const port = createHttpModelPort(impl);
    const signal = new AbortController().signal;
    const h = collector().handlers;
    await port.generate({ prompt: "p" }, h, signal);
    await port.refine({ prompt: "p", svg: "<svg/>", critique: "c", suggestions: "s" }, h, signal);
    await port.critique({ prompt: "p", png: "data:image/png;base64,AA==", final: true }, h, signal);
    expect(calls.map((c) => [c.input, JSON.parse(String(c.init?.body))])).toEqual([
      ["/api/generate", { prompt: "p" }],
      ["/api/refine", { prompt: "p", svg: "<svg/>", critique: "c", suggestions: "s" }],
      ["/api/critique", { prompt: "p", png: "data:image/png;base64,AA==", final: true }],
    ]);
  });
});
