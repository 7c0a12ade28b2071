/**
 * Servers and profiles, from the environment for the simple case and from a profiles file
 * (STUDIO_PROFILES_FILE, JSON) for anything more. Validated once, with messages that name the
 * variable or the field (`profiles[1].generator.server: no server named "gpu2"`); a bad file
 * stops the studio at start (instrumentation.ts).
 *
 * From the environment:
 *   default   INFERENCE_BASE_URL / INFERENCE_API_KEY (unset: the built-in engine): IntroSVG
 *   critic    INFERENCE_CRITIC_BASE_URL / INFERENCE_CRITIC_API_KEY: IntroSVG as critic, on its own server
 *   internsvg INTERNSVG_BASE_URL / INTERNSVG_API_KEY (INTERNSVG_MODEL, default "InternSVG")
 *   chat      CHAT_BASE_URL / CHAT_API_KEY (CHAT_MODEL, default the first listed)
 * A server left unset is the default server. INFERENCE_TOP_K and INFERENCE_TIMEOUT_MS apply to
 * every server of the environment.
 */
import fs from "node:fs";
import { ConfigError, ProfilesFileError } from "../config/config-error";
import type { ServerConnection } from "../config/connection";
import { checkedSection, type StudioConfig } from "../config/studio-config";
import { hasUserInfo, userInfoMessage } from "../http/upstream-url";
import { BUILTIN_MODELS, builtinProfiles, DEFAULT_PROFILE_ID } from "./builtin-profiles";
import { profilesFileSchema, type Profile, type ProfilesFile } from "./profile-schema";

export { ConfigError, ProfilesFileError, type ServerConnection };

export interface ProfileSetup {
  /** By name; "default" is INFERENCE_BASE_URL (or the built-in engine). */
  servers: Record<string, ServerConnection>;
  /** Built-ins first (as a file may have replaced them), then the file's own. */
  profiles: Profile[];
  defaultProfileId: string;
  /** The profiles file read, if any. */
  file: string | null;
}

export const DEFAULT_SERVER = "default";

export interface SetupInput {
  /** The environment's servers, models and profiles file (lib/config). */
  config: StudioConfig;
  /** The default server, as lib/steps read it from INFERENCE_BASE_URL and friends. */
  defaultServer: ServerConnection;
  /** Where "builtin" servers are reached (the studio's own engine route). */
  builtinBaseURL: string;
  /** Reads the profiles file; tests pass their own. */
  readFile?: (path: string) => string;
}

function stripSlashes(url: string): string {
  return url.replace(/\/+$/, "");
}

/** `profiles[1].generator.server` from a zod path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

export function readProfileSetup(input: SetupInput): ProfileSetup {
  checkedSection(input.config, "inference");
  const env = input.config.inference;
  const base = input.defaultServer;
  const servers: Record<string, ServerConnection> = { [DEFAULT_SERVER]: base };
  const remote = (url: string, apiKey: string | undefined): ServerConnection => ({
    engine: "remote",
    baseURL: stripSlashes(url),
    ...(apiKey ? { apiKey } : {}),
    ...(base.topK !== undefined ? { topK: base.topK } : {}),
    timeoutMs: base.timeoutMs,
  });
  if (env.critic.baseURL) servers.critic = remote(env.critic.baseURL, env.critic.apiKey);
  if (env.internsvg.baseURL) servers.internsvg = remote(env.internsvg.baseURL, env.internsvg.apiKey);
  if (env.chat.baseURL) servers.chat = remote(env.chat.baseURL, env.chat.apiKey);

  const criticServer = servers.critic ? "critic" : DEFAULT_SERVER;
  const builtin = new Set(Object.entries(servers).flatMap(([name, s]) => (s.engine === "builtin" ? [name] : [])));
  let profiles = builtinProfiles({
    introsvgServer: DEFAULT_SERVER,
    criticServer,
    internsvgServer: servers.internsvg ? "internsvg" : DEFAULT_SERVER,
    chatServer: servers.chat ? "chat" : DEFAULT_SERVER,
    builtin,
    introsvgModel: env.model,
    // As before: the critic is INFERENCE_MODEL unless named; on a server of its own, the first it lists.
    criticModel: env.criticModel ?? (criticServer === DEFAULT_SERVER ? env.model : undefined),
    internsvgModel: env.internsvg.model,
    chatModel: env.chat.model,
  });
  let defaultProfileId = DEFAULT_PROFILE_ID;

  if (env.profilesFile) {
    const file = readProfilesFile(env.profilesFile, input.readFile);
    const where = (field: string, message: string) => new ProfilesFileError(`STUDIO_PROFILES_FILE (${env.profilesFile}): ${field}: ${message}`);
    const fileServerNames = new Set<string>();
    file.servers.forEach((spec, i) => {
      if (spec.name === DEFAULT_SERVER) throw where(`servers[${i}].name`, `"${DEFAULT_SERVER}" is INFERENCE_BASE_URL; give this server another name`);
      if (fileServerNames.has(spec.name)) throw where(`servers[${i}].name`, `a second server named "${spec.name}"`);
      fileServerNames.add(spec.name);
      let apiKey: string | undefined;
      if (spec.apiKeyEnv) {
        apiKey = input.config.variable(spec.apiKeyEnv);
        if (!apiKey) throw where(`servers[${i}].apiKeyEnv`, `the environment variable ${spec.apiKeyEnv} is not set`);
      }
      if (spec.baseURL !== "builtin" && hasUserInfo(spec.baseURL)) {
        throw where(`servers[${i}].baseURL`, userInfoMessage("a server URL", "name the environment variable that holds the key in apiKeyEnv"));
      }
      // The studio's own engine asks for its access token when one is set, like any route.
      const studioToken = input.config.access.accessToken;
      servers[spec.name] =
        spec.baseURL === "builtin"
          ? { engine: "builtin", baseURL: input.builtinBaseURL, ...(studioToken ? { apiKey: studioToken } : {}), timeoutMs: spec.timeoutMs ?? base.timeoutMs }
          : {
              engine: "remote",
              baseURL: stripSlashes(spec.baseURL),
              ...(apiKey ? { apiKey } : {}),
              ...(spec.topK !== undefined ? { topK: spec.topK } : {}),
              timeoutMs: spec.timeoutMs ?? base.timeoutMs,
            };
    });
    const ids = new Set<string>();
    file.profiles.forEach((profile, i) => {
      if (ids.has(profile.id)) throw where(`profiles[${i}].id`, `a second profile with id "${profile.id}"`);
      ids.add(profile.id);
      if (!servers[profile.generator.server]) throw where(`profiles[${i}].generator.server`, `no server named "${profile.generator.server}"`);
      if (profile.critic && !servers[profile.critic.server]) throw where(`profiles[${i}].critic.server`, `no server named "${profile.critic.server}"`);
    });
    // A file profile with a built-in's id replaces it (to edit its templates); others are added.
    profiles = [...profiles.map((p) => file.profiles.find((f) => f.id === p.id) ?? p), ...file.profiles.filter((f) => !profiles.some((p) => p.id === f.id))];
    if (file.defaultProfile) {
      if (!profiles.some((p) => p.id === file.defaultProfile)) throw where("defaultProfile", `no profile with id "${file.defaultProfile}"`);
      defaultProfileId = file.defaultProfile;
    }
  }
  return { servers, profiles, defaultProfileId, file: env.profilesFile ?? null };
}

const fileCache = new Map<string, { stamp: string; data: ProfilesFile }>();

/** Reads and validates a profiles file; kept while the file is unchanged. */
export function readProfilesFile(path: string, readFile?: (path: string) => string): ProfilesFile {
  const fail = (message: string) => new ProfilesFileError(`STUDIO_PROFILES_FILE (${path}): ${message}`);
  let stamp = "";
  if (!readFile) {
    try {
      const stat = fs.statSync(path);
      stamp = `${stat.mtimeMs}:${stat.size}`;
    } catch (e) {
      throw fail(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const hit = fileCache.get(path);
    if (hit && hit.stamp === stamp) return hit.data;
  }
  let text: string;
  try {
    text = (readFile ?? ((p) => fs.readFileSync(p, "utf8")))(path);
  } catch (e) {
    throw fail(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw fail(`not valid JSON (${(e as Error).message})`);
  }
  const parsed = profilesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = fieldPath(issue.path);
    const message =
      issue.code === "unrecognized_keys" ? `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}` : issue.message;
    throw fail(`${field || "(the file)"}: ${message}`);
  }
  if (!readFile) fileCache.set(path, { stamp, data: parsed.data });
  return parsed.data;
}

/** An id the studio has no profile for: the request's fault (400, or the CLI's exit 2). */
export class UnknownProfileError extends ConfigError {}

/** The profile `id` names (unset: the default); throws UnknownProfileError naming it and the profiles that exist. */
export function findProfile(setup: ProfileSetup, id: string | undefined): Profile {
  const wanted = id ?? setup.defaultProfileId;
  const profile = setup.profiles.find((p) => p.id === wanted);
  if (!profile) throw new UnknownProfileError(`No profile "${wanted}"; the studio has ${setup.profiles.map((p) => `"${p.id}"`).join(", ")}.`);
  return profile;
}

export function serverOf(setup: ProfileSetup, name: string): ServerConnection {
  const server = setup.servers[name];
  if (!server) throw new ConfigError(`No server named "${name}".`);
  return server;
}

export { BUILTIN_MODELS };
