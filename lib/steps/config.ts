/**
 * The one place that reads the upstream settings from the environment. Validated once, with a
 * message that names the variable, so a typo fails at the first request rather than deep in
 * a stream. Unset INFERENCE_BASE_URL means the built-in engine mounted inside the studio.
 */
import { z } from "zod";
import type { EngineDescription } from "../contract/status-contract";
import { readAccessSettings } from "../http/access";

export const BUILTIN_ENGINE_PATH = "/engine/v1";
export const BUILTIN_MODEL_ID = "introsvg-builtin";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

function optionalPositiveInt(what: string) {
  return optionalString.refine((v) => v === undefined || /^[1-9]\d*$/.test(v), { message: `must be ${what}` })
    .transform((v) => (v === undefined ? undefined : Number(v)));
}

/** A URL with `user:password@` in it: refused, so credentials never sit where messages show the URL. */
function hasUserInfo(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== "" || u.password !== "";
  } catch {
    return false;
  }
}

const envSchema = z.object({
  INFERENCE_BASE_URL: optionalString.pipe(
    // http(s) only: "gpu-box:23333/v1" (the scheme forgotten) parses as a URL with scheme "gpu-box:".
    z
      .url({ protocol: /^https?$/, message: "INFERENCE_BASE_URL must be a URL such as http://gpu-box:23333/v1" })
      .refine((url) => !hasUserInfo(url), {
        message: "INFERENCE_BASE_URL must not contain a user name or password (user:password@); put an API key in INFERENCE_API_KEY",
      })
      .optional(),
  ),
  INFERENCE_API_KEY: optionalString,
  INFERENCE_MODEL: optionalString,
  INFERENCE_CRITIC_MODEL: optionalString,
  INFERENCE_TOP_K: optionalPositiveInt("a whole number such as 40"),
  INFERENCE_TIMEOUT_MS: optionalPositiveInt("a number of milliseconds such as 120000"),
  PORT: optionalString,
});

export interface InferenceConfig {
  /** "builtin": the offline engine served by this same app; "remote": a GPU server by env. */
  engine: "builtin" | "remote";
  baseURL: string;
  apiKey?: string;
  /** Unset: the first id the server lists under GET /models. */
  model?: string;
  criticModel?: string;
  topK?: number;
  /** Time allowed before the first byte of an answer arrives. */
  timeoutMs: number;
  /** How requests reach the server; unset: the network. Node drivers plug in the in-process engine. */
  fetch?: typeof globalThis.fetch;
}

export class ConfigError extends Error {}

export function readInferenceConfig(env: Record<string, string | undefined> = process.env): InferenceConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid setting ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  const base = e.INFERENCE_BASE_URL?.replace(/\/+$/, "");
  return {
    engine: base ? "remote" : "builtin",
    // The studio calls its own engine over loopback HTTP, so the built-in and the real
    // upstream share one code path (streaming, errors, aborts).
    baseURL: base ?? `http://127.0.0.1:${e.PORT ?? "3000"}${BUILTIN_ENGINE_PATH}`,
    // Its own engine asks for the studio's access token when one is set, like any route.
    apiKey: base ? e.INFERENCE_API_KEY : (readAccessSettings(env).accessToken ?? undefined),
    model: e.INFERENCE_MODEL,
    criticModel: e.INFERENCE_CRITIC_MODEL,
    topK: e.INFERENCE_TOP_K,
    timeoutMs: e.INFERENCE_TIMEOUT_MS ?? 120_000,
  };
}

/**
 * The upstream as messages show it: scheme, host and port only — no path, no query, no
 * credentials (those are refused anyway), whatever the URL holds.
 */
export function upstreamOrigin(config: Pick<InferenceConfig, "baseURL">): string {
  try {
    return new URL(config.baseURL).origin;
  } catch {
    return "(an invalid URL)";
  }
}

/** What the browser may see of the config: never the key. */
export function describeEngine(config: InferenceConfig): EngineDescription {
  if (config.engine === "builtin") {
    return {
      kind: "builtin",
      label: "Built-in engine — offline, rule-based; connect a GPU server for IntroSVG",
      host: "built-in",
    };
  }
  const url = new URL(config.baseURL);
  return { kind: "remote", label: `GPU server at ${url.host}`, host: url.host };
}
