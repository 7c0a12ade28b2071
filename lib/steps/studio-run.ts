/**
 * resolveRun (lib/profiles/resolve-run.ts) on a configured studio: its profiles and servers, and
 * the models each server listed when it was last asked (never blocking to ask again).
 */
import { resolveRun, type ResolvedRun, type RunSettings } from "../profiles/resolve-run";
import type { ServerConnection } from "../config/connection";
import { profileSetupOf, type InferenceConfig } from "./config";
import { knownModel } from "./upstream-models";

const listedModel = (server: ServerConnection) => knownModel({ ...server, model: undefined });

export function resolveStudioRun<S extends RunSettings>(config: InferenceConfig, input: { profile?: string; settings?: S }): ResolvedRun<S> {
  return resolveRun(profileSetupOf(config), input, listedModel);
}
