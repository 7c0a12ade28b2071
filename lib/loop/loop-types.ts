/** The types of a loop session and its rounds, inferred from loop-schema.ts (their one source). */
import type { z } from "zod";
import type { Candidate } from "./candidate-schema";
import type {
  imageMatchSchema,
  targetImageSchema,
  loopModeSchema,
  loopSettingsSchema,
  loopStatusSchema,
  roundErrorSchema,
  roundKindSchema,
  roundPhaseSchema,
  roundSchema,
  stepMetaSchema,
  stepNameSchema,
  stepUsageSchema,
} from "./loop-schema";

export type LoopMode = z.infer<typeof loopModeSchema>;
export type LoopSettings = z.infer<typeof loopSettingsSchema>;
export type RoundKind = z.infer<typeof roundKindSchema>;
export type RoundPhase = z.infer<typeof roundPhaseSchema>;
export type StepName = z.infer<typeof stepNameSchema>;
export type LoopStatus = z.infer<typeof loopStatusSchema>;
export type StepUsage = z.infer<typeof stepUsageSchema>;
export type StepMeta = z.infer<typeof stepMetaSchema>;
export type RoundError = z.infer<typeof roundErrorSchema>;
export type { Critique } from "../introsvg/critique-parser";
export type Round = z.infer<typeof roundSchema>;
export type { Candidate } from "./candidate-schema";
export type ImageMatch = z.infer<typeof imageMatchSchema>;
export type TargetImage = z.infer<typeof targetImageSchema>;

/** The prompt of an image session started without a description (the critic judges against it). */
export const IMAGE_SESSION_PROMPT = "The icon in the picture";

export const DEFAULT_SETTINGS: LoopSettings = { mode: "paper", maxRefinements: 3, threshold: 9.5 };
/** The reference script: 1 draft, 3 × (critique → refine), a final critique at temperature 0. */
export const REFERENCE_REFINEMENTS = 3;

export interface LoopState {
  prompt: string;
  settings: LoopSettings;
  rounds: Round[];
  status: LoopStatus;
  /** Set by Pause; the runner honours it between steps. */
  pauseRequested: boolean;
  /** Extra refinement rounds granted on resume, beyond settings.maxRefinements. */
  extraRefinements: number;
  /**
   * More rounds asked for after the loop had ended run whatever the score: the threshold ends
   * the loop again only once this many refinements are spent. Unset: the threshold always
   * applies. Kept for the run in this page only (a reopened session applies the threshold).
   */
  runsPastThreshold?: number;
  /** The draft step's candidates (settings.candidates > 1; lib/loop/candidates.ts); absent with one. */
  candidates?: Candidate[];
  /** The candidate the person picked before the draft step chose one. */
  pickedCandidate?: number | null;
}

export const INITIAL_LOOP_STATE: LoopState = {
  prompt: "",
  settings: DEFAULT_SETTINGS,
  rounds: [],
  status: "idle",
  pauseRequested: false,
  extraRefinements: 0,
};
