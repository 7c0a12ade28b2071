/**
 * The draft step with several candidates: N generator requests at once, each with its own seed
 * (a GPU server batches concurrent requests, so this takes about as long as one draft), each
 * candidate then rendered and critiqued on its own, concurrently. All share the run's signal: a
 * Stop aborts every request. When every candidate has settled, the chosen one becomes round 1
 * (candidates.ts decides which) and the loop goes on from it.
 */
import { candidateCount, candidateSeeds } from "./candidates";
import type { Candidate } from "./candidate-schema";
import type { CandidateRoundEvent } from "./candidates-reducer";
import type { LoopRunContext } from "./run-loop";
import { roundIdOf } from "./round-id";

/** Runs one round (here: one candidate) through its remaining steps. */
export type AdvanceRound = (ctx: LoopRunContext, roundId: string) => Promise<void>;

/** The run as one candidate sees it: it is the session's only round, and its drafts carry its seed. */
function candidateContext(ctx: LoopRunContext, candidate: Candidate): LoopRunContext {
  const number = candidate.candidate;
  return {
    ...ctx,
    getState: () => {
      const state = ctx.getState();
      const current = state.candidates?.find((c) => c.candidate === number) ?? candidate;
      return { ...state, rounds: [current] };
    },
    dispatch: (event) => ctx.dispatch({ type: "candidateStep", candidate: number, event: event as CandidateRoundEvent }),
    model: { ...ctx.model, generate: (input, handlers, signal) => ctx.model.generate({ ...input, seed: candidate.seed }, handlers, signal) },
  };
}

export async function runCandidates(ctx: LoopRunContext, advance: AdvanceRound): Promise<void> {
  if (!ctx.getState().candidates?.length) ctx.dispatch({ type: "candidatesStarted", seeds: candidateSeeds(candidateCount(ctx.getState().settings)) });
  const unfinished = (ctx.getState().candidates ?? []).filter((c) => c.phase === "generating" || c.phase === "rendering" || c.phase === "critiquing");
  await Promise.all(unfinished.map((c) => advance(candidateContext(ctx, c), c.id)));
  if (ctx.signal.aborted) return;
  ctx.dispatch({ type: "candidatesSettled" });
  if (ctx.getState().rounds.length > 0) await ctx.checkpoint?.(roundIdOf(1));
}
