/**
 * What `npm run batch` and `npm run loop` share: the loop-settings options, their parsing, and
 * the run they resolve to (lib/profiles/resolve-run.ts, as the studio's routes do). A mistake is
 * a UsageError: the script prints it and exits 2.
 */
import { withInProcessEngine } from "../lib/steps/builtin-engine-fetch";
import { studioConfig } from "../lib/config/studio-config";
import { ConfigError, readInferenceConfig, type InferenceConfig } from "../lib/steps/config";
import { loopSettingsSchema } from "../lib/loop/loop-schema";
import { DEFAULT_SETTINGS, type LoopSettings } from "../lib/loop/loop-types";
import type { ResolvedRun } from "../lib/profiles/resolve-run";
import { resolveStudioRun } from "../lib/steps/studio-run";

export class UsageError extends Error {}

/** parseArgs options for the loop's settings. */
export const LOOP_OPTIONS = {
  profile: { type: "string" },
  mode: { type: "string", default: DEFAULT_SETTINGS.mode },
  "max-refinements": { type: "string", default: String(DEFAULT_SETTINGS.maxRefinements) },
  threshold: { type: "string", default: String(DEFAULT_SETTINGS.threshold) },
} as const;

export interface LoopOptionValues {
  profile?: string;
  mode?: string;
  "max-refinements"?: string;
  threshold?: string;
  /** `npm run batch`'s --candidates: drafts asked for at once (1, the default, stores nothing). */
  candidates?: string;
}

/**
 * The studio's configuration for a script: every built-in engine server reached in-process, at
 * full speed unless ENGINE_TOKENS_PER_SECOND says otherwise (it paces its stream for people).
 */
export function scriptConfig(priority?: InferenceConfig["priority"]): InferenceConfig {
  let config: InferenceConfig;
  try {
    config = readInferenceConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  return { ...withInProcessEngine(config, { tokensPerSecond: studioConfig().engine.tokensPerSecond ?? 0 }), ...(priority ? { priority } : {}) };
}

/** The run the options ask for: its settings checked, its profile found (or a UsageError naming it and those there are). */
export function runFromOptions(config: InferenceConfig, values: LoopOptionValues): ResolvedRun<LoopSettings> {
  const settings = loopSettingsSchema.safeParse({
    mode: values.mode,
    maxRefinements: Number(values["max-refinements"]),
    threshold: Number(values.threshold),
    ...(values.candidates === undefined || Number(values.candidates) === 1 ? {} : { candidates: Number(values.candidates) }),
  });
  if (!settings.success) {
    const issue = settings.error.issues[0];
    throw new UsageError(`invalid ${issue.path.join(".")}: ${issue.message}`);
  }
  try {
    return resolveStudioRun(config, { profile: values.profile, settings: settings.data });
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}
