/**
 * The studio's whole configuration, read from the environment in this one module (the linter
 * refuses `process.env` anywhere else: eslint.config.mjs). Parsed once per process; a running
 * server's environment does not change, and a test that changes it gets a fresh parse.
 *
 * A bad value is reported by name at start-up (checkStartupConfig in lib/steps) and fails only
 * what uses it: a bad INFERENCE_TOP_K makes every step answer with the error, while the pages,
 * the sign-in and the history keep working (as `checkedSection` says).
 */
import type { AccessSettings } from "../http/access";
import { ConfigError } from "./config-error";
import { ENV_VARIABLES, envSchema, SECTIONS, type ConfigSection, type EnvVariable, type ParsedEnv } from "./env-schema";

export type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigProblem {
  variable: EnvVariable;
  /** `Invalid setting INFERENCE_TOP_K: must be a whole number such as 40` */
  message: string;
}

/** A server of the environment (INFERENCE_CRITIC_BASE_URL and its key, …); unset: the default server. */
export interface EnvServer {
  baseURL?: string;
  apiKey?: string;
}

export interface StudioConfig {
  inference: {
    /** Unset: the built-in engine mounted in the studio. */
    baseURL?: string;
    apiKey?: string;
    model?: string;
    criticModel?: string;
    topK?: number;
    timeoutMs: number;
    /** Unset: the default limit (lib/steps/upstream-limiter.ts); the CLI then uses --concurrency. */
    maxConcurrency?: number;
    critic: EnvServer;
    internsvg: EnvServer & { model?: string };
    chat: EnvServer & { model?: string };
    profilesFile?: string;
  };
  engine: {
    /** Unset: the engine's own pace (150 tokens/s); scripts then run it at full speed. */
    tokensPerSecond?: number;
    timeLimitMs?: number;
    host: string;
    workerScript?: string;
  };
  /** The compiled worker that renders in threads (unset: dist/raster/raster-worker.js in production). */
  raster: { workerScript?: string };
  database: { url?: string };
  /** The studio's port (its built-in engine is reached there), or the engine server's. */
  port?: number;
  access: AccessSettings & { allowNoToken: boolean };
  chromiumPath?: string;
  /** Every variable that is set but unusable, in the schema's order. */
  problems: ConfigProblem[];
  /** A variable that a profiles file names (`apiKeyEnv`); blank reads as unset. */
  variable(name: string): string | undefined;
}

export const DEFAULT_TIMEOUT_MS = 120_000;

function parseEach(env: Env): { values: ParsedEnv; problems: ConfigProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const variable of ENV_VARIABLES) {
    const schema = envSchema.shape[variable];
    const parsed = schema.safeParse(env[variable]);
    if (parsed.success) values[variable] = parsed.data;
    else {
      problems.push({ variable, message: `Invalid setting ${variable}: ${parsed.error.issues[0].message}` });
      // A bad value reads as unset, so the rest of the studio has a whole configuration.
      values[variable] = schema.parse(undefined);
    }
  }
  return { values: values as ParsedEnv, problems };
}

/** Pure: the configuration `env` describes. Tests pass their own; the studio uses studioConfig(). */
export function parseStudioConfig(env: Env): StudioConfig {
  const { values: e, problems } = parseEach(env);
  return {
    inference: {
      baseURL: e.INFERENCE_BASE_URL,
      apiKey: e.INFERENCE_API_KEY,
      model: e.INFERENCE_MODEL,
      criticModel: e.INFERENCE_CRITIC_MODEL,
      topK: e.INFERENCE_TOP_K,
      timeoutMs: e.INFERENCE_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS,
      maxConcurrency: e.INFERENCE_MAX_CONCURRENCY,
      critic: { baseURL: e.INFERENCE_CRITIC_BASE_URL, apiKey: e.INFERENCE_CRITIC_API_KEY },
      internsvg: { baseURL: e.INTERNSVG_BASE_URL, apiKey: e.INTERNSVG_API_KEY, model: e.INTERNSVG_MODEL },
      chat: { baseURL: e.CHAT_BASE_URL, apiKey: e.CHAT_API_KEY, model: e.CHAT_MODEL },
      profilesFile: e.STUDIO_PROFILES_FILE,
    },
    engine: {
      tokensPerSecond: e.ENGINE_TOKENS_PER_SECOND,
      timeLimitMs: e.ENGINE_TIME_LIMIT_MS,
      host: e.ENGINE_HOST ?? "127.0.0.1",
      workerScript: e.ENGINE_WORKER_SCRIPT,
    },
    raster: { workerScript: e.RASTER_WORKER_SCRIPT },
    database: { url: e.DATABASE_URL },
    port: e.PORT,
    access: { allowedHosts: e.STUDIO_ALLOWED_HOSTS, accessToken: e.STUDIO_ACCESS_TOKEN ?? null, allowNoToken: e.STUDIO_ALLOW_NO_TOKEN },
    chromiumPath: e.CHROMIUM_PATH,
    problems,
    variable: (name) => env[name]?.trim() || undefined,
  };
}

/** Throws the first problem among the variables `section` uses (README's messages name the variable). */
export function checkedSection(config: StudioConfig, section: ConfigSection): void {
  const variables: readonly EnvVariable[] = SECTIONS[section];
  const problem = config.problems.find((p) => variables.includes(p.variable));
  if (problem) throw new ConfigError(problem.message);
}

// One per process, kept on globalThis: Next may load this module once per route bundle.
const KEY = Symbol.for("introsvg-studio.config");
type WithConfig = typeof globalThis & { [KEY]?: { snapshot: string; config: StudioConfig } };

function snapshotOf(env: Env): string {
  return JSON.stringify(ENV_VARIABLES.map((v) => env[v] ?? null));
}

/** The process's configuration. */
export function studioConfig(): StudioConfig {
  const g = globalThis as WithConfig;
  const env = process.env;
  const snapshot = snapshotOf(env);
  if (g[KEY]?.snapshot !== snapshot) g[KEY] = { snapshot, config: parseStudioConfig(env) };
  return g[KEY].config;
}

/** The environment for a script's child process: all of this one's (or only the variables `names`), plus `extra`. */
export function childProcessEnv(extra: Env = {}, names?: readonly string[]): NodeJS.ProcessEnv {
  const inherited = names ? Object.fromEntries(names.map((name) => [name, process.env[name] ?? ""])) : process.env;
  return { ...inherited, ...extra } as NodeJS.ProcessEnv;
}
