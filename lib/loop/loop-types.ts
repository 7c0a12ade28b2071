/** The types of a loop session and its rounds, defined once for the loop, the store and the UI. */
import type { Critique } from "../introsvg/critique-parser";
import type { StepUsage } from "../contract/step-contract";

export type LoopMode = "paper" | "reference";

export interface LoopSettings {
  /** "paper": stop at score ≥ threshold or after maxRefinements; "reference": the script's fixed schedule. */
  mode: LoopMode;
  maxRefinements: number;
  threshold: number;
}

export const DEFAULT_SETTINGS: LoopSettings = { mode: "paper", maxRefinements: 3, threshold: 9.5 };
/** The reference script: 1 draft, 3 × (critique → refine), a final critique at temperature 0. */
export const REFERENCE_REFINEMENTS = 3;

export type RoundKind = "draft" | "refine" | "edit";
/** The step a round is in; `done` and `failed` are final until a Retry. */
export type RoundPhase = "generating" | "rendering" | "critiquing" | "done" | "failed";
export type StepName = "generate" | "render" | "critique";

export interface StepMeta {
  model: string;
  usage: StepUsage;
  ttftMs: number | null;
  durationMs: number;
  finishReason: string;
}

export interface RoundError {
  step: StepName;
  code: string;
  message: string;
}

export interface Round {
  id: string;
  /** 1-based position in the timeline. */
  index: number;
  kind: RoundKind;
  /** The round whose SVG and critique this one refined or edited. */
  sourceRoundId: string | null;
  phase: RoundPhase;
  /** The model's raw output as streamed (for edits: the edited SVG). */
  modelText: string;
  /** The SVG extracted from modelText; null until the generation completes. */
  svg: string | null;
  truncated: "length" | "unclosed" | null;
  generation: StepMeta | null;
  /** The exact PNG data URL the critic was sent. */
  png: string | null;
  critiqueText: string;
  critique: Critique | null;
  /** Critiqued at temperature 0 (the reference schedule's final critique). */
  finalCritique: boolean;
  critiqueMeta: StepMeta | null;
  error: RoundError | null;
}

export type LoopStatus = "idle" | "running" | "paused" | "stopped" | "done" | "failed";

export interface LoopState {
  prompt: string;
  settings: LoopSettings;
  rounds: Round[];
  status: LoopStatus;
  /** Set by Pause; the runner honours it between steps. */
  pauseRequested: boolean;
  /** Extra refinement rounds granted on resume, beyond settings.maxRefinements. */
  extraRefinements: number;
}

export const INITIAL_LOOP_STATE: LoopState = {
  prompt: "",
  settings: DEFAULT_SETTINGS,
  rounds: [],
  status: "idle",
  pauseRequested: false,
  extraRefinements: 0,
};
