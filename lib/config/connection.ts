/**
 * How the studio reaches a model: a server (one OpenAI-compatible API) and, for one role of a
 * profile, the model on it. Never sent to the browser: it holds the key.
 */

export interface ServerConnection {
  /** "builtin": the offline engine served by this same app; "remote": a server by config. */
  engine: "builtin" | "remote";
  baseURL: string;
  apiKey?: string;
  topK?: number;
  /** Time allowed before the first byte of an answer arrives. */
  timeoutMs: number;
  /** How requests reach the server; unset: the network. Node drivers plug in the in-process engine. */
  fetch?: typeof globalThis.fetch;
}

/** One role's connection: its server and the model it calls there (unset: the first the server lists). */
export interface Connection extends ServerConnection {
  model?: string;
}
