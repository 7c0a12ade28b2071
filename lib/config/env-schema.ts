/**
 * Every environment variable the studio, its routes and its scripts read, in one zod schema:
 * each with its own check and a message that says what is wrong (README, "Pointing it at a GPU
 * server"). Each variable is checked on its own, so one bad value is reported by name and does
 * not hide the others (studio-config.ts).
 */
import { z } from "zod";
import { hasUserInfo, userInfoMessage } from "../http/upstream-url";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

/** An OpenAI-compatible base URL: http(s) only ("gpu-box:23333/v1", the scheme forgotten, parses as scheme "gpu-box:"), no credentials. */
const serverUrl = (variable: string, keyVariable: string) =>
  optionalString
    .pipe(
      z
        .url({ protocol: /^https?$/, message: `${variable} must be a URL such as http://gpu-box:23333/v1` })
        .refine((url) => !hasUserInfo(url), { message: userInfoMessage(variable, `put an API key in ${keyVariable}`) })
        .optional(),
    )
    .transform((url) => url?.replace(/\/+$/, ""));

const positiveInt = (what: string) =>
  optionalString
    .refine((v) => v === undefined || /^[1-9]\d*$/.test(v), { message: `must be ${what}` })
    .transform((v) => (v === undefined ? undefined : Number(v)));

const nonNegativeNumber = (what: string) =>
  optionalString
    .refine((v) => v === undefined || (/^\d+(\.\d+)?$/.test(v) && Number.isFinite(Number(v))), { message: `must be ${what}` })
    .transform((v) => (v === undefined ? undefined : Number(v)));

const port = optionalString
  .refine((v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535), { message: "must be a port number such as 3000" })
  .transform((v) => (v === undefined ? undefined : Number(v)));

const flag = optionalString.transform((v) => v !== undefined && /^(1|true|yes)$/i.test(v));

const hostList = optionalString.transform((v) =>
  (v ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase().replace(/\.$/, ""))
    .filter(Boolean),
);

export const envSchema = z.object({
  // The default server (unset: the built-in engine) and IntroSVG's models on it.
  INFERENCE_BASE_URL: serverUrl("INFERENCE_BASE_URL", "INFERENCE_API_KEY"),
  INFERENCE_API_KEY: optionalString,
  INFERENCE_MODEL: optionalString,
  INFERENCE_CRITIC_MODEL: optionalString,
  INFERENCE_TOP_K: positiveInt("a whole number such as 40"),
  INFERENCE_TIMEOUT_MS: positiveInt("a number of milliseconds such as 120000"),
  INFERENCE_MAX_CONCURRENCY: positiveInt("a whole number of requests such as 32"),
  // The other servers of the environment (lib/profiles places the built-in profiles on them).
  INFERENCE_CRITIC_BASE_URL: serverUrl("INFERENCE_CRITIC_BASE_URL", "INFERENCE_CRITIC_API_KEY"),
  INFERENCE_CRITIC_API_KEY: optionalString,
  INTERNSVG_BASE_URL: serverUrl("INTERNSVG_BASE_URL", "INTERNSVG_API_KEY"),
  INTERNSVG_API_KEY: optionalString,
  INTERNSVG_MODEL: optionalString,
  CHAT_BASE_URL: serverUrl("CHAT_BASE_URL", "CHAT_API_KEY"),
  CHAT_API_KEY: optionalString,
  CHAT_MODEL: optionalString,
  STUDIO_PROFILES_FILE: optionalString,
  // The built-in engine.
  ENGINE_TOKENS_PER_SECOND: nonNegativeNumber("a number of tokens per second such as 150 (0: as fast as possible)"),
  ENGINE_TIME_LIMIT_MS: positiveInt("a number of milliseconds such as 15000"),
  ENGINE_HOST: optionalString,
  ENGINE_WORKER_SCRIPT: optionalString,
  // The compiled raster worker (the compiled command-line tools set it; lib/batch/node-rasterize.ts).
  RASTER_WORKER_SCRIPT: optionalString,
  // Where the studio keeps its sessions, and where it listens.
  DATABASE_URL: optionalString,
  PORT: port,
  // Who may reach it (lib/http/access.ts applies these).
  STUDIO_ACCESS_TOKEN: optionalString,
  STUDIO_ALLOWED_HOSTS: hostList,
  STUDIO_ALLOW_NO_TOKEN: flag,
  // The benchmark's browser.
  CHROMIUM_PATH: optionalString,
});

export type EnvVariable = keyof typeof envSchema.shape;
export type ParsedEnv = z.infer<typeof envSchema>;

export const ENV_VARIABLES = Object.keys(envSchema.shape) as EnvVariable[];

/** What the settings are about: a bad variable fails only the part of the studio that uses it. */
export const SECTIONS = {
  inference: [
    "INFERENCE_BASE_URL",
    "INFERENCE_API_KEY",
    "INFERENCE_MODEL",
    "INFERENCE_CRITIC_MODEL",
    "INFERENCE_TOP_K",
    "INFERENCE_TIMEOUT_MS",
    "INFERENCE_MAX_CONCURRENCY",
    "INFERENCE_CRITIC_BASE_URL",
    "INFERENCE_CRITIC_API_KEY",
    "INTERNSVG_BASE_URL",
    "INTERNSVG_API_KEY",
    "INTERNSVG_MODEL",
    "CHAT_BASE_URL",
    "CHAT_API_KEY",
    "CHAT_MODEL",
    "STUDIO_PROFILES_FILE",
    // The built-in engine is reached at this port's /engine/v1.
    "PORT",
  ],
  engine: ["ENGINE_TOKENS_PER_SECOND", "ENGINE_TIME_LIMIT_MS", "ENGINE_HOST", "ENGINE_WORKER_SCRIPT", "PORT"],
  database: ["DATABASE_URL"],
} as const satisfies Record<string, readonly EnvVariable[]>;

export type ConfigSection = keyof typeof SECTIONS;
