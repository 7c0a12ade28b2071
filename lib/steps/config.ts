/**
 * The one place that reads the upstream settings from the environment. Validated once, with a
 * message that names the variable, so a typo fails at the first request rather than deep in
 * a stream. Unset INFERENCE_BASE_URL means the built-in engine mounted inside the studio.
 * The other servers and the profiles (lib/profiles) are read alongside: the config's own
 * connection is the "default" server.
 */
import { z } from "zod";
import type { EngineDescription } from "../contract/status-contract";
import { ConfigError, findProfile, ProfilesFileError, readProfileSetup, type ProfileSetup, type ServerConnection } from "../profiles/profile-setup";
import type { UpstreamPriority } from "./upstream-limiter";

export { ConfigError, ProfilesFileError };

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

const envSchema = z.object({
  INFERENCE_BASE_URL: optionalString.pipe(
    // http(s) only: "gpu-box:23333/v1" (the scheme forgotten) parses as a URL with scheme "gpu-box:".
    z.url({ protocol: /^https?$/, message: "INFERENCE_BASE_URL must be a URL such as http://gpu-box:23333/v1" }).optional(),
  ),
  INFERENCE_API_KEY: optionalString,
  INFERENCE_MODEL: optionalString,
  INFERENCE_CRITIC_MODEL: optionalString,
  INFERENCE_TOP_K: optionalPositiveInt("a whole number such as 40"),
  INFERENCE_TIMEOUT_MS: optionalPositiveInt("a number of milliseconds such as 120000"),
  INFERENCE_MAX_CONCURRENCY: optionalPositiveInt("a whole number of requests such as 32"),
  PORT: optionalString,
});

/** The default server (engine, baseURL, key, top_k, timeout, fetch), its models, and the profiles. */
export interface InferenceConfig extends ServerConnection {
  /** Unset: the first id the server lists under GET /models. */
  model?: string;
  criticModel?: string;
  /** Servers and profiles; unset (a config built by hand): the built-in profiles on this one server. */
  profiles?: ProfileSetup;
  /**
   * Which lane of the shared upstream limit (upstream-limiter.ts) this driver's steps take:
   * "interactive" (the default: the studio's routes) goes before "batch".
   */
  priority?: UpstreamPriority;
}

export function readInferenceConfig(env: Record<string, string | undefined> = process.env): InferenceConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid setting ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  const base = e.INFERENCE_BASE_URL?.replace(/\/+$/, "");
  // The studio calls its own engine over loopback HTTP, so the built-in and the real
  // upstream share one code path (streaming, errors, aborts).
  const builtinBaseURL = `http://127.0.0.1:${e.PORT ?? "3000"}${BUILTIN_ENGINE_PATH}`;
  const server: ServerConnection = {
    engine: base ? "remote" : "builtin",
    baseURL: base ?? builtinBaseURL,
    apiKey: e.INFERENCE_API_KEY,
    topK: e.INFERENCE_TOP_K,
    timeoutMs: e.INFERENCE_TIMEOUT_MS ?? 120_000,
  };
  return {
    ...server,
    model: e.INFERENCE_MODEL,
    criticModel: e.INFERENCE_CRITIC_MODEL,
    profiles: readProfileSetup({ env, defaultServer: server, builtinBaseURL }),
  };
}

/** The config's profiles: read from the environment, or the built-ins on its one server. */
export function profileSetupOf(config: InferenceConfig): ProfileSetup {
  return (
    config.profiles ??
    readProfileSetup({ env: { INFERENCE_MODEL: config.model, INFERENCE_CRITIC_MODEL: config.criticModel }, defaultServer: config, builtinBaseURL: config.baseURL })
  );
}

/** What the browser may see of a server: never the key. */
export function describeEngine(config: ServerConnection): EngineDescription {
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

/**
 * What the studio checks as it starts (instrumentation.ts). A bad profiles file throws
 * ProfilesFileError, which stops the server with the message naming the field; a bad setting is
 * reported and the studio answers every step with it until it is fixed (as before profiles).
 * Returns the lines to log.
 */
export function checkStartupConfig(env: Record<string, string | undefined> = process.env): { log: string[]; error: string | null } {
  try {
    const config = readInferenceConfig(env);
    const setup = profileSetupOf(config);
    const log = [`IntroSVG Studio upstream: ${describeEngine(config).label} (${config.baseURL})`];
    for (const [name, server] of Object.entries(setup.servers)) if (name !== "default") log.push(`IntroSVG Studio server "${name}": ${describeEngine(server).label}`);
    log.push(`IntroSVG Studio profiles: ${setup.profiles.map((p) => `${p.label} (${p.id}${p.id === setup.defaultProfileId ? ", default" : ""})`).join(", ")}${setup.file ? ` from ${setup.file}` : ""}`);
    return { log, error: null };
  } catch (e) {
    if (e instanceof ProfilesFileError || !(e instanceof ConfigError)) throw e;
    return { log: [], error: `IntroSVG Studio configuration error: ${e.message}. The studio will answer every step with this error until it is fixed.` };
  }
}

/** Ends the server process at start-up with `message` (a bad profiles file). */
export function stopStudio(message: string): never {
  console.error(message);
  process.exit(1);
}

/**
 * Loop settings for a run with `profile` (unset: the default): the profile named, and a single
 * pass when it has no critic. Throws ConfigError for a profile the studio does not have.
 */
export function settingsForProfile<S extends { profile?: string; singlePass?: boolean }>(config: InferenceConfig, settings: S, profile?: string): S {
  const setup = profileSetupOf(config);
  const chosen = findProfile(setup, profile ?? settings.profile);
  const { singlePass: _previous, ...rest } = settings;
  void _previous;
  return { ...rest, profile: chosen.id, ...(chosen.critic ? {} : { singlePass: true }) } as S;
}
