/**
 * Errors are typed values with one way to become a response (after ai-chatbot's lib/errors.ts):
 * a code the UI can branch on and a message written for the user. Internals stay on the server.
 */
export type StudioErrorCode =
  | "bad_request"
  | "not_found"
  | "too_large"
  | "internal"
  | "config"
  | "upstream:unreachable"
  | "upstream:http"
  | "upstream:stream"
  | "upstream:dropped"
  | "upstream:timeout"
  | "upstream:no_model";

const STATUS: Record<StudioErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  too_large: 413,
  internal: 500,
  config: 500,
  "upstream:unreachable": 502,
  "upstream:http": 502,
  "upstream:stream": 502,
  "upstream:dropped": 502,
  "upstream:timeout": 504,
  "upstream:no_model": 502,
};

export class StudioError extends Error {
  constructor(
    public readonly code: StudioErrorCode,
    message: string,
    public readonly upstreamStatus?: number,
  ) {
    super(message);
    this.name = "StudioError";
  }

  get status(): number {
    return STATUS[this.code];
  }

  toJSON(): { code: StudioErrorCode; message: string; upstreamStatus?: number } {
    return { code: this.code, message: this.message, ...(this.upstreamStatus ? { upstreamStatus: this.upstreamStatus } : {}) };
  }

  toResponse(): Response {
    return Response.json({ error: this.toJSON() }, { status: this.status });
  }
}

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
