import { describe, expect, it } from "vitest";
import { createParser, type ParseError } from "eventsource-parser";
import { isProxyRefusal, numericCode, proxyErrorLine, proxyRefusalMessage } from "./upstream-dialect";

const CHUNK = 'data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"<svg"}}]}\n\n';
const PROXY_LINE = '{"error_code":10402,"text":"Failed to get response after a period of time"}';

/** What the reader sees: events, and the proxy errors read from the lines SSE does not know. */
function read(parts: string[]): { events: string[]; proxy: ReturnType<typeof proxyErrorLine>[] } {
  const events: string[] = [];
  const proxy: ReturnType<typeof proxyErrorLine>[] = [];
  const parser = createParser({
    onEvent: (e) => events.push(e.data),
    onError: (e: ParseError) => {
      if (e.type === "unknown-field" && e.line !== undefined && proxyErrorLine(e.line)) proxy.push(proxyErrorLine(e.line));
    },
  });
  for (const part of parts) parser.feed(part);
  parser.reset({ consume: true });
  return { events, proxy };
}

describe("the proxy's bare error line", () => {
  const expected = { message: "Failed to get response after a period of time (error_code 10402)", code: 10402 };

  it("is found between ordinary events, which pass untouched", () => {
    const { events, proxy } = read([CHUNK, `${PROXY_LINE}\n`, "data: [DONE]\n\n"]);
    expect(events).toEqual([CHUNK.slice("data: ".length, -2), "[DONE]"]);
    expect(proxy).toEqual([expected]);
  });

  it("is found when split across network reads, and as a last line with no newline", () => {
    const whole = `${CHUNK}${PROXY_LINE}\n`;
    const at = CHUNK.length + 9; // inside "error_code"
    expect(read([whole.slice(0, CHUNK.length - 3), whole.slice(CHUNK.length - 3, at), whole.slice(at)]).proxy).toEqual([expected]);
    expect(read([CHUNK, PROXY_LINE.slice(0, 20), PROXY_LINE.slice(20)]).proxy).toEqual([expected]);
  });

  it("is found after CRLF line endings", () => {
    expect(read(['data: {"choices":[{"delta":{"content":"é→"}}]}\r\n\r\n', `${PROXY_LINE}\r\n`]).proxy).toEqual([expected]);
  });

  it("is only a line that parses as a JSON object", () => {
    expect(proxyErrorLine("{not json")).toBeNull();
    expect(proxyErrorLine("event: ping")).toBeNull();
    expect(proxyErrorLine(`  ${PROXY_LINE}  `)).toEqual(expected);
    expect(proxyErrorLine('{"error":{"message":"boom","code":"503"}}')).toEqual({ message: "boom", code: 503 });
  });
});

describe("the proxy's 200 refusal", () => {
  it("is a 2xx JSON answer to a stream request, and nothing else", () => {
    expect(isProxyRefusal(200, "application/json")).toBe(true);
    expect(isProxyRefusal(200, "application/json; charset=utf-8")).toBe(true);
    expect(isProxyRefusal(200, "text/event-stream")).toBe(false);
    expect(isProxyRefusal(400, "application/json")).toBe(false);
    expect(isProxyRefusal(200, null)).toBe(false);
  });

  it("carries the proxy's message, or the body as it is", () => {
    expect(proxyRefusalMessage(JSON.stringify({ error_code: 10400, text: "No available worker" }))).toBe("No available worker (error_code 10400)");
    expect(proxyRefusalMessage("worker pool exhausted")).toBe("worker pool exhausted");
  });
});

describe("numericCode", () => {
  it("reads a number or digits, nothing else", () => {
    expect([numericCode(10402), numericCode("429"), numericCode("x1"), numericCode(null)]).toEqual([10402, 429, null, null]);
  });
});
