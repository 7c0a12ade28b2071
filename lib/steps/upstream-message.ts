/** Reads the message out of an upstream error body, whichever dialect wrote it. */
/** The message of an upstream error body: lmdeploy's flat form, OpenAI/vLLM's nested one, or the proxy's. */
export function upstreamMessage(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.error === "object" && b.error !== null && typeof (b.error as Record<string, unknown>).message === "string") {
    return (b.error as Record<string, string>).message;
  }
  if (typeof b.error === "string") return b.error;
  if (typeof b.message === "string") return b.message;
  if (typeof b.text === "string") return b.error_code !== undefined ? `${b.text} (error_code ${b.error_code})` : b.text;
  if (typeof b.detail === "string") return b.detail;
  return undefined;
}
