/** Converts between the loop's `Round` and its row. */
import type { Critique } from "../introsvg/critique-parser";
import { roundIdOf } from "../loop/round-id";
import type { Round, StepMeta } from "../loop/loop-types";
import type { RoundRow } from "./schema";

type RoundValues = Omit<RoundRow, "sessionId" | "createdAt" | "updatedAt">;

export function roundToValues(round: Round): RoundValues {
  const g = round.generation;
  const c = round.critiqueMeta;
  return {
    index: round.index,
    kind: round.kind,
    sourceIndex: round.sourceIndex,
    phase: round.phase,
    modelText: round.modelText,
    svg: round.svg,
    truncated: round.truncated,
    png: round.png,
    critiqueText: round.critiqueText,
    critiqueJson: round.critique ? JSON.stringify(round.critique) : null,
    score: round.critique?.score ?? null,
    finalCritique: round.finalCritique,
    genModel: g?.model ?? null,
    genFinishReason: g?.finishReason ?? null,
    genTtftMs: g?.ttftMs ?? null,
    genDurationMs: g?.durationMs ?? null,
    genInputTokens: g?.usage.inputTokens ?? null,
    genOutputTokens: g?.usage.outputTokens ?? null,
    criticModel: c?.model ?? null,
    criticFinishReason: c?.finishReason ?? null,
    criticTtftMs: c?.ttftMs ?? null,
    criticDurationMs: c?.durationMs ?? null,
    criticInputTokens: c?.usage.inputTokens ?? null,
    criticOutputTokens: c?.usage.outputTokens ?? null,
    // A stopped round keeps the step it was cut short in; error_code stays null (not a failure).
    errorStep: round.error?.step ?? round.stoppedStep ?? null,
    errorCode: round.error?.code ?? null,
    errorMessage: round.error?.message ?? null,
    notes: round.notes,
    candidate: round.candidate ?? null,
    matchSsim: round.match?.ssim ?? null,
    matchPsnr: round.match?.psnr ?? null,
  };
}

function meta(
  model: string | null,
  finishReason: string | null,
  ttftMs: number | null,
  durationMs: number | null,
  inputTokens: number | null,
  outputTokens: number | null,
): StepMeta | null {
  if (model === null && durationMs === null) return null;
  return {
    model: model ?? "",
    finishReason: finishReason ?? "",
    ttftMs,
    durationMs: durationMs ?? 0,
    usage: { ...(inputTokens !== null ? { inputTokens } : {}), ...(outputTokens !== null ? { outputTokens } : {}) },
  };
}

export function rowToRound(row: RoundRow): Round {
  // Databases written before "stopped" was a phase stored it as a failure with code "stopped".
  const stopped = row.phase === "stopped" || (row.phase === "failed" && (row.errorCode as string) === "stopped");
  return {
    id: roundIdOf(row.index),
    index: row.index,
    kind: row.kind,
    sourceIndex: row.sourceIndex,
    phase: stopped ? "stopped" : row.phase,
    modelText: row.modelText,
    svg: row.svg,
    truncated: row.truncated,
    generation: meta(row.genModel, row.genFinishReason, row.genTtftMs, row.genDurationMs, row.genInputTokens, row.genOutputTokens),
    png: row.png,
    critiqueText: row.critiqueText,
    critique: row.critiqueJson ? (JSON.parse(row.critiqueJson) as Critique) : null,
    finalCritique: row.finalCritique,
    critiqueMeta: meta(row.criticModel, row.criticFinishReason, row.criticTtftMs, row.criticDurationMs, row.criticInputTokens, row.criticOutputTokens),
    error: !stopped && row.errorStep && row.errorCode ? { step: row.errorStep, code: row.errorCode, message: row.errorMessage ?? "" } : null,
    stoppedStep: stopped ? row.errorStep : null,
    notes: row.notes,
    ...(row.candidate !== null ? { candidate: row.candidate } : {}),
    match: row.matchSsim !== null && row.matchPsnr !== null ? { ssim: row.matchSsim, psnr: row.matchPsnr } : null,
  };
}
