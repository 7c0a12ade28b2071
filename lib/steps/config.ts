/**
 * The inference side of the configuration (lib/config reads the environment): the default
 * server, its models, and the servers and profiles (lib/profiles), built once per process. Unset
 * INFERENCE_BASE_URL means the built-in engine mounted inside the studio; the config's own
 * connection is the "default" server.
 */
import type { EngineDescription } from "../contract/status-contract";
import { ConfigError, ProfilesFileError } from "../config/config-error";
import type { ServerConnection } from "../config/connection";
import { SECTIONS } from "../config/env-schema";
import { checkedSection, parseStudioConfig, studioConfig, type Env, type StudioConfig } from "../config/studio-config";
import { urlOrigin } from "../http/upstream-url";
import { readProfileSetup, type ProfileSetup } from "../profiles/profile-setup";
import type { UpstreamPriority } from "./upstream-limiter";

export { ConfigError, ProfilesFileError };

export const BUILTIN_ENGINE_PATH = "/engine/v1";
export const BUILTIN_MODEL_ID = "introsvg-builtin";

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

function buildInferenceConfig(studio: StudioConfig): InferenceConfig {
  checkedSection(studio, "inference");
  const e = studio.inference;
  // The studio calls its own engine over loopback HTTP, so the built-in and the real
  // upstream share one code path (streaming, errors, aborts).
  const builtinBaseURL = `http://127.0.0.1:${studio.port ?? 3000}${BUILTIN_ENGINE_PATH}`;
  const server: ServerConnection = {
    engine: e.baseURL ? "remote" : "builtin",
    baseURL: e.baseURL ?? builtinBaseURL,
    // The studio's own engine asks for its access token when one is set, like any route.
    apiKey: e.baseURL ? e.apiKey : (studio.access.accessToken ?? undefined),
    topK: e.topK,
    timeoutMs: e.timeoutMs,
  };
  return {
    ...server,
    model: e.model,
    criticModel: e.criticModel,
    profiles: readProfileSetup({ config: studio, defaultServer: server, builtinBaseURL }),
  };
}

// Built once per configuration (the process's one, in a server): the profiles file is read at start.
const built = new WeakMap<StudioConfig, { config: InferenceConfig } | { error: unknown }>();

/** The inference config of `env` (tests), or of the process. Throws ConfigError naming the variable. */
export function readInferenceConfig(env?: Env): InferenceConfig {
  const studio = env ? parseStudioConfig(env) : studioConfig();
  let entry = built.get(studio);
  if (!entry) {
    try {
      entry = { config: buildInferenceConfig(studio) };
    } catch (error) {
      entry = { error };
    }
    built.set(studio, entry);
  }
  if ("error" in entry) throw entry.error;
  return entry.config;
}

/**
 * The upstream as messages show it: scheme, host and port only — no path, no query, no
 * credentials (those are refused anyway), whatever the URL holds.
 */
export function upstreamOrigin(config: Pick<ServerConnection, "baseURL">): string {
  return urlOrigin(config.baseURL);
}

/** The config's profiles: read from the environment, or the built-ins on its one server. */
export function profileSetupOf(config: InferenceConfig): ProfileSetup {
  return (
    config.profiles ??
    readProfileSetup({
      config: parseStudioConfig({ INFERENCE_MODEL: config.model, INFERENCE_CRITIC_MODEL: config.criticModel }),
      defaultServer: config,
      builtinBaseURL: config.baseURL,
    })
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
export function checkStartupConfig(env?: Env): { log: string[]; error: string | null } {
  const problems = (env ? parseStudioConfig(env) : studioConfig()).problems;
  // The inference settings' first problem is the one every step answers with (below).
  const inference: readonly string[] = SECTIONS.inference;
  const others = problems.filter((p) => !inference.includes(p.variable)).map((p) => `IntroSVG Studio configuration error: ${p.message}.`);
  try {
    const config = readInferenceConfig(env);
    const setup = profileSetupOf(config);
    const log = [`IntroSVG Studio upstream: ${describeEngine(config).label} (${upstreamOrigin(config)})`];
    for (const [name, server] of Object.entries(setup.servers))
      if (name !== "default") log.push(`IntroSVG Studio server "${name}": ${describeEngine(server).label}`);
    log.push(
      `IntroSVG Studio profiles: ${setup.profiles.map((p) => `${p.label} (${p.id}${p.id === setup.defaultProfileId ? ", default" : ""})`).join(", ")}${setup.file ? ` from ${setup.file}` : ""}`,
    );
    return { log, error: others.join("\n") || null };
  } catch (e) {
    if (e instanceof ProfilesFileError || !(e instanceof ConfigError)) throw e;
    return {
      log: [],
      error: [`IntroSVG Studio configuration error: ${e.message}. The studio will answer every step with this error until it is fixed.`, ...others].join("\n"),
    };
  }
}

/** Ends the server process at start-up with `message` (a bad profiles file). */
export function stopStudio(message: string): never {
  console.error(message);
  process.exit(1);
}
