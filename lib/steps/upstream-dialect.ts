/**
 * The dialects of OpenAI-compatible servers that an SSE reader would otherwise miss. lmdeploy's
 * proxy writes a bare JSON line mid-stream when a worker fails (`{"error_code":10402,"text":"…"}`)
 * and may answer a stream request with HTTP 200 and a JSON body when no worker is free; an SSE
 * parser silently ignores both, which would end the stream as if it had finished. The reader
 * (chat-completions.ts) turns both into explicit errors with these.
 *
 * Pure functions of the text, not a wrapper around fetch: a wrapper re-encoded every chunk
 * through one more web stream, a cost paid on every token.
 */
import { upstreamMessage } from "./upstream-message";

/** An error code as the server gave it (a number, or digits in a string), else null. */
export function numericCode(raw: unknown): number | null {
  if (typeof raw === "number") return raw;
  if (typeof raw === "string" && /^\d+$/.test(raw)) return Number(raw);
  return null;
}

/**
 * A line of the stream that is a bare JSON object (eventsource-parser reports it as an unknown
 * field) read as the proxy's error: its message and code; null for any other line.
 */
export function proxyErrorLine(line: string): { message: string; code: number | null } | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return null;
  try {
    const body = JSON.parse(trimmed) as Record<string, unknown>;
    return { message: upstreamMessage(body) ?? trimmed, code: numericCode(body.error_code ?? (body.error as { code?: unknown } | undefined)?.code) };
  } catch {
    return null;
  }
}

/** A 200 answer in JSON to a stream request: the proxy saying no worker is available. */
export function isProxyRefusal(status: number, contentType: string | null): boolean {
  return status >= 200 && status < 300 && (contentType ?? "").includes("application/json");
}

/** The message of the proxy's refusal body, as it is when it is not JSON. */
export function proxyRefusalMessage(text: string): string {
  try {
    return upstreamMessage(JSON.parse(text)) ?? text;
  } catch {
    return text;
  }
}
