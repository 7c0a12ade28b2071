/**
 * Errors are typed values with one way to become a response (after ai-chatbot's lib/errors.ts):
 * a code the UI can branch on and a message written for the user. Internals stay on the server.
 */
/** Codes the studio's server answers with, and the HTTP status each becomes. */
const SERVER_STATUS = {
  bad_request: 400,
  /** No valid sign-in (STUDIO_ACCESS_TOKEN is set and the request carries neither cookie nor token). */
  unauthorized: 401,
  /** A cross-site write (Origin / Sec-Fetch-Site), refused whatever it carries. */
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  /** A state-changing request that is not `Content-Type: application/json`. */
  unsupported_media_type: 415,
  /** A Host this studio does not answer to (DNS rebinding); see STUDIO_ALLOWED_HOSTS. */
  misdirected: 421,
  internal: 500,
  config: 500,
  "upstream:unreachable": 502,
  "upstream:http": 502,
  "upstream:stream": 502,
  "upstream:dropped": 502,
  "upstream:timeout": 504,
  "upstream:no_model": 502,
} as const;

export type StudioErrorCode = keyof typeof SERVER_STATUS;

/** Failures the browser sees on its way to the studio server (it never answered, or broke off). */
const CLIENT_CODES = ["studio:unreachable", "studio:http", "studio:protocol", "studio:stream", "studio:dropped"] as const;

/** Failures of a round's own content, found by the loop. */
const ROUND_CODES = ["no_svg", "truncated", "unparsable_critique", "render_failed", "client_error"] as const;

/**
 * Every error code there is, as one union: what a step or a round can fail with. A stopped step
 * is not here: stopping is a state of the round (phase "stopped"), not an error.
 */
export const ERROR_CODES = [...(Object.keys(SERVER_STATUS) as StudioErrorCode[]), ...CLIENT_CODES, ...ROUND_CODES] as const;
export type ErrorCode = StudioErrorCode | (typeof CLIENT_CODES)[number] | (typeof ROUND_CODES)[number];

/** An error as it travels: a code to branch on and a message written for the user. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

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
    return SERVER_STATUS[this.code];
  }

  toJSON(): ErrorInfo & { upstreamStatus?: number } {
    return { code: this.code, message: this.message, ...(this.upstreamStatus ? { upstreamStatus: this.upstreamStatus } : {}) };
  }

  toResponse(): Response {
    return Response.json({ error: this.toJSON() }, { status: this.status });
  }
}
