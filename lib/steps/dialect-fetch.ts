/**
 * A fetch wrapper that turns the dialects of OpenAI-compatible servers into the one shape the
 * AI SDK provider parses. lmdeploy's proxy writes a bare JSON line mid-stream when a worker
 * fails (`{"error_code":10402,"text":"…"}`) and may answer a stream request with HTTP 200 and
 * a JSON body when no worker is free; an SSE parser silently ignores both, which would end the
 * stream as if it had finished. Both become explicit errors here.
 */
import { upstreamMessage } from "./upstream-message";

type Fetch = typeof globalThis.fetch;

/** Marks a response synthesised from a proxy's 200-with-error answer, so the message can say so. */
export const PROXY_ERROR_HEADER = "x-studio-proxy-error";

function proxyErrorAsSse(line: string): string | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return null;
  try {
    const body = JSON.parse(trimmed) as Record<string, unknown>;
    const message = upstreamMessage(body) ?? trimmed;
    return `data: ${JSON.stringify({ error: { message, code: body.error_code ?? null, type: "proxy_error" } })}\n\n`;
  } catch {
    return null;
  }
}

/** Rewrites bare JSON lines in an SSE body as `data: {"error":…}` events; everything else passes through. */
export function normaliseSseBody(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = "";
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        pending += decoder.decode(chunk, { stream: true });
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        const out = lines.map((line) => proxyErrorAsSse(line) ?? `${line}\n`).join("");
        if (out) controller.enqueue(encoder.encode(out));
      },
      flush(controller) {
        pending += decoder.decode();
        if (pending) controller.enqueue(encoder.encode(proxyErrorAsSse(pending) ?? pending));
      },
    }),
  );
}

export function createDialectFetch(inner: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const type = response.headers.get("content-type") ?? "";
    const wantedStream = typeof init?.body === "string" && /"stream"\s*:\s*true/.test(init.body);
    if (response.ok && wantedStream && type.includes("application/json")) {
      // A 200 JSON answer to a stream request is the proxy saying no worker is available.
      const text = await response.text();
      let message = text;
      try {
        message = upstreamMessage(JSON.parse(text)) ?? text;
      } catch {
        // not JSON after all: show it as it is
      }
      return new Response(JSON.stringify({ message, object: "error", type: "proxy_error" }), {
        status: 503,
        headers: { "content-type": "application/json", [PROXY_ERROR_HEADER]: "1" },
      });
    }
    if (response.ok && response.body && type.includes("text/event-stream")) {
      return new Response(normaliseSseBody(response.body), {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    }
    return response;
  };
}
