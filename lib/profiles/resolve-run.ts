/**
 * What a run is, decided once for every entry point (the step routes, the session routes, the
 * batch-job route, `npm run batch`, `npm run loop`): from a profile id and loop settings to the
 * settings to store, each role's connection, and what to record. Pure: the servers' listed
 * models come from the caller (a cache that never blocks), so the browser's view (/api/status)
 * and every driver apply the same rules:
 *
 *  - an unknown profile is refused, naming it and the profiles that exist;
 *  - a profile without a critic runs a single pass, and one with a critic never does (whatever
 *    `singlePass` a client sent);
 *  - a role's model is its profile's, else the first its server lists.
 */
import type { Connection, ServerConnection } from "../config/connection";
import { BUILTIN_SERVER, type RoleRecord, type RunRecord } from "../contract/run-record";
import { urlOrigin } from "../http/upstream-url";
import { BUILTIN_MODELS } from "./builtin-profiles";
import { findProfile, serverOf, type ProfileSetup } from "./profile-setup";
import type { Profile } from "./profile-schema";

export { UnknownProfileError } from "./profile-setup";

export interface RunSettings {
  profile?: string;
  singlePass?: boolean;
}

export interface ResolvedRun<S extends RunSettings> {
  profile: Profile;
  /** The settings to store and run with: the profile named, single pass exactly when it has no critic. */
  settings: Omit<S, "singlePass"> & { profile: string; singlePass?: true };
  generator: Connection;
  /** null: no critic. */
  critic: Connection | null;
  record: RunRecord;
}

/** The first model a server lists, if known; the built-in engine's is always known. */
export type ListedModel = (server: ServerConnection) => string | null;

/** A role's server (as the setup names it) and the model it calls there. */
export function roleConnection(setup: ProfileSetup, role: { server: string; model?: string }): Connection {
  const { engine, baseURL, apiKey, topK, timeoutMs, fetch } = serverOf(setup, role.server);
  return { engine, baseURL, apiKey, topK, timeoutMs, fetch, model: role.model };
}

export function roleRecord(connection: Connection, listed: ListedModel = () => null): RoleRecord {
  if (connection.engine === "builtin") return { model: connection.model ?? BUILTIN_MODELS.introsvg, server: BUILTIN_SERVER };
  return { model: connection.model ?? listed(connection), server: urlOrigin(connection.baseURL) };
}

export function resolveRun<S extends RunSettings = RunSettings>(
  setup: ProfileSetup,
  input: { profile?: string; settings?: S },
  listed: ListedModel = () => null,
): ResolvedRun<S> {
  const profile = findProfile(setup, input.profile ?? input.settings?.profile);
  const { singlePass: _sent, ...rest } = input.settings ?? ({} as S);
  void _sent;
  const generator = roleConnection(setup, profile.generator);
  const critic = profile.critic ? roleConnection(setup, profile.critic) : null;
  return {
    profile,
    settings: { ...rest, profile: profile.id, ...(critic ? {} : { singlePass: true as const }) },
    generator,
    critic,
    record: { generator: roleRecord(generator, listed), critic: critic ? roleRecord(critic, listed) : null },
  };
}
