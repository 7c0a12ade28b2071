import { describe, expect, it } from "vitest";
import { createDialectFetch, normaliseSseBody, PROXY_ERROR_HEADER } from "./dialect-fetch";

const encoder = new TextEncoder();

function streamOf(parts: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(typeof part === "string" ? encoder.encode(part) : part);
      controller.close();
    },
  });
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

const CHUNK = 'data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"<svg"}}]}\n\n';
const PROXY_LINE = '{"error_code":10402,"text":"Failed to get response after a period of time"}';
const PROXY_EVENT = `data: ${JSON.stringify({
  error: { message: "Failed to get response after a period of time (error_code 10402)", code: 10402, type: "proxy_error" },
})}\n\n`;

describe("normaliseSseBody", () => {
  it("passes ordinary SSE through byte for byte", async () => {
    const body = `${CHUNK}${CHUNK}data: [DONE]\n\n`;
    expect(await text(normaliseSseBody(streamOf([body.slice(0, 7), body.slice(7, 100), body.slice(100)])))).toBe(body);
  });

  it("turns a bare proxy error line into a data: {error} event", async () => {
    const out = await text(normaliseSseBody(streamOf([CHUNK, `${PROXY_LINE}\n`, "data: [DONE]\n\n"])));
    expect(out).toBe(`${CHUNK}${PROXY_EVENT}data: [DONE]\n\n`);
  });

  it("does so when the line is split across chunks", async () => {
    const whole = `${CHUNK}${PROXY_LINE}\n`;
    const at = CHUNK.length + 9; // inside "error_code"
    const out = await text(normaliseSseBody(streamOf([whole.slice(0, CHUNK.length - 3), whole.slice(CHUNK.length - 3, at), whole.slice(at)])));
    expect(out).toBe(`${CHUNK}${PROXY_EVENT}`);
  });

  it("does so for a last line with no newline", async () => {
    expect(await text(normaliseSseBody(streamOf([CHUNK, PROXY_LINE.slice(0, 20), PROXY_LINE.slice(20)])))).toBe(`${CHUNK}${PROXY_EVENT}`);
  });

  it("handles CRLF line endings and multi-byte characters split between chunks", async () => {
    const bytes = encoder.encode('data: {"choices":[{"delta":{"content":"é→"}}]}\r\n\r\n');
    const cut = bytes.indexOf(0xc3) + 1; // between the two bytes of "é"
    const out = await text(normaliseSseBody(streamOf([bytes.slice(0, cut), bytes.slice(cut), `${PROXY_LINE}\r\n`])));
    expect(out).toBe(`data: {"choices":[{"delta":{"content":"é→"}}]}\r\n\r\n${PROXY_EVENT}`);
  });

  it("leaves a line that only looks like JSON alone", async () => {
    expect(await text(normaliseSseBody(streamOf(["{not json\n", CHUNK])))).toBe(`{not json\n${CHUNK}`);
  });
});

describe("createDialectFetch", () => {
  const streamInit = { method: "POST", body: JSON.stringify({ model: "m", stream: true, messages: [] }) };

  it("turns a 200 JSON answer to a stream request into a 503 carrying the proxy's message", async () => {
    const fetchImpl = createDialectFetch(async () => Response.json({ error_code: 10400, text: "No available worker" }, { status: 200 }));
    const response = await fetchImpl("http://proxy/v1/chat/completions", streamInit);
    expect(response.status).toBe(503);
    expect(response.headers.get(PROXY_ERROR_HEADER)).toBe("1");
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({ message: "No available worker (error_code 10400)", object: "error", type: "proxy_error" });
  });

  it("shows a 200 body that is not JSON as it is", async () => {
    const fetchImpl = createDialectFetch(async () => new Response("worker pool exhausted", { headers: { "content-type": "application/json" } }));
    const response = await fetchImpl("http://proxy/v1/chat/completions", { body: '{"stream" : true}' });
    expect(response.status).toBe(503);
    expect((await response.json()).message).toBe("worker pool exhausted");
  });

  it("leaves a JSON answer to a non-stream request and an HTTP error unchanged", async () => {
    const ok = Response.json({ choices: [] });
    expect(await createDialectFetch(async () => ok)("http://x", { body: JSON.stringify({ stream: false }) })).toBe(ok);
    const bad = Response.json({ message: "bad", object: "error" }, { status: 400 });
    expect(await createDialectFetch(async () => bad)("http://x", streamInit)).toBe(bad);
  });

  it("normalises the body of an SSE answer and keeps its status and headers", async () => {
    const upstream = new Response(streamOf([CHUNK, `${PROXY_LINE}\n`]), {
      status: 200,
      headers: { "content-type": "text/event-stream; charset=utf-8", "x-request-id": "r1" },
    });
    const response = await createDialectFetch(async () => upstream)("http://x", streamInit);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("r1");
    expect(await response.text()).toBe(`${CHUNK}${PROXY_EVENT}`);
  });

  it("passes the request through to the inner fetch unchanged", async () => {
    const seen: [RequestInfo | URL, RequestInit | undefined][] = [];
    const fetchImpl = createDialectFetch(async (input, init) => {
      seen.push([input, init]);
      return new Response("{}", { status: 404 });
    });
    await fetchImpl("http://x/v1/models", streamInit);
    expect(seen).toEqual([["http://x/v1/models", streamInit]]);
  });
});
