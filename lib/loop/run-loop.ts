/**
 * Drives a loop: asks `nextStep` what to do, performs it through the ports and reports each
 * outcome as an event. It holds no state of its own, so it can stop at any point and a later
 * run (Retry, Resume, a reopened session) continues from the state alone.
 */
import type { LoopEvent } from "./loop-reducer";
import type { MeasurePort, ModelPort, RasterizePort, StepResult } from "./loop-ports";
import type { LoopState, Round, StepName } from "./loop-types";
import { nextStep } from "./next-step";
import { standingNotesAt } from "./brief";

/** The standing notes as a port field: left out when there are none. */
function notesField(notes: string): { standingNotes?: string } {
  return notes ? { standingNotes: notes } : {};
}
import { runCandidates } from "./run-candidates";

export interface LoopRunContext {
  getState: () => LoopState;
  dispatch: (event: LoopEvent) => void;
  model: ModelPort;
  rasterize: RasterizePort;
  /** Measures a round against an image session's target picture; without it rounds carry no match. */
  measure?: MeasurePort;
  signal: AbortSignal;
  /**
   * Called after every step that changed a round, so a round is stored as soon as it has
   * something to keep; awaited before the next step starts (a driver that only needs its saves
   * started and ordered resolves at once, as the studio's run controller does).
   */
  checkpoint?: (roundId: string) => Promise<void>;
}

function isAbort(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === "AbortError";
}

async function settle(ctx: LoopRunContext, round: Round, step: StepName, run: () => Promise<StepResult>): Promise<Extract<StepResult, { ok: true }> | null> {
  try {
    const result = await run();
    if (ctx.signal.aborted) throw Object.assign(new Error("aborted"), { name: "AbortError" });
    if (result.ok) return result;
    ctx.dispatch({ type: "stepFailed", roundId: round.id, step, ...result.error });
    return null;
  } catch (e) {
    if (isAbort(e) || ctx.signal.aborted) {
      ctx.dispatch({ type: "stepStopped", roundId: round.id, step });
    } else {
      ctx.dispatch({ type: "stepFailed", roundId: round.id, step, code: "client_error", message: (e as Error).message });
    }
    return null;
  }
}

async function generate(ctx: LoopRunContext, round: Round): Promise<void> {
  const state = ctx.getState();
  const onDelta = (text: string) => ctx.dispatch({ type: "generationDelta", roundId: round.id, text });
  ctx.dispatch({ type: "generationStarted", roundId: round.id });
  const profile = state.settings.profile;
  // An image session sends its picture; the step passes it on only to generators that take one.
  const image = state.settings.target?.png;
  const result = await settle(ctx, round, "generate", () => {
    const source = state.rounds.find((r) => r.index === round.sourceIndex);
    if (round.kind === "notes") {
      // The designer's notes take the place of the critique and suggestions (lib/introsvg/designer-notes.ts).
      if (!source?.svg || !round.notes) throw new Error("The round to refine has no SVG, or the notes are empty.");
      const before = notesField(standingNotesAt(state.rounds, round.index, false));
      return ctx.model.refine(
        { prompt: state.prompt, svg: source.svg, critique: "", suggestions: "", notes: round.notes, ...before, image, profile },
        { onDelta },
        ctx.signal,
      );
    }
    if (round.kind !== "refine") return ctx.model.generate({ prompt: state.prompt, image, profile }, { onDelta }, ctx.signal);
    if (!source?.svg || !source.critique) throw new Error("The round to refine has no SVG or critique.");
    return ctx.model.refine(
      {
        prompt: state.prompt,
        svg: source.svg,
        critique: source.critique.critique,
        suggestions: source.critique.suggestions,
        // A refinement keeps to the notes standing so far: it may not undo them.
        ...notesField(standingNotesAt(state.rounds, round.index)),
        image,
        profile,
      },
      { onDelta },
      ctx.signal,
    );
  });
  if (result) ctx.dispatch({ type: "generationEnded", roundId: round.id, meta: result.meta });
}

async function render(ctx: LoopRunContext, round: Round): Promise<void> {
  try {
    const png = await ctx.rasterize(round.svg ?? "");
    const target = ctx.getState().settings.target;
    // A match that cannot be measured leaves the round without one; it never fails the round.
    const match = target && ctx.measure ? await ctx.measure(round.svg ?? "", target.png).catch(() => null) : null;
    if (!ctx.signal.aborted) {
      ctx.dispatch({ type: "rendered", roundId: round.id, png, match });
      return;
    }
  } catch (e) {
    if (!ctx.signal.aborted) {
      ctx.dispatch({ type: "stepFailed", roundId: round.id, step: "render", code: "render_failed", message: (e as Error).message });
      return;
    }
  }
  // Stopped mid-render: mark the round like a stopped model step, so Retry can continue it.
  ctx.dispatch({ type: "stepStopped", roundId: round.id, step: "render" });
}

async function critique(ctx: LoopRunContext, round: Round, final: boolean): Promise<void> {
  const { prompt, settings, rounds } = ctx.getState();
  ctx.dispatch({ type: "critiqueStarted", roundId: round.id, final });
  const onDelta = (text: string) => ctx.dispatch({ type: "critiqueDelta", roundId: round.id, text });
  // From a notes round on, the critic judges against the prompt and the notes.
  const notes = notesField(standingNotesAt(rounds, round.index));
  const result = await settle(ctx, round, "critique", () =>
    ctx.model.critique({ prompt, png: round.png ?? "", final, ...notes, profile: settings.profile }, { onDelta }, ctx.signal),
  );
  if (result) ctx.dispatch({ type: "critiqueEnded", roundId: round.id, meta: result.meta });
}

/** One round's remaining steps (generate, render, critique), each checkpointed: how a candidate runs. */
async function advanceRound(ctx: LoopRunContext, roundId: string): Promise<void> {
  for (;;) {
    const round = ctx.getState().rounds.find((r) => r.id === roundId);
    if (ctx.signal.aborted || !round) return;
    if (round.phase === "generating") await generate(ctx, round);
    else if (round.phase === "rendering") await render(ctx, round);
    else if (round.phase === "critiquing") await critique(ctx, round, false);
    else return;
    await ctx.checkpoint?.(round.id);
  }
}

export async function runLoop(ctx: LoopRunContext): Promise<void> {
  for (;;) {
    const state = ctx.getState();
    if (ctx.signal.aborted || state.status !== "running") return;
    if (state.pauseRequested) {
      ctx.dispatch({ type: "paused" });
      return;
    }
    const step = nextStep(state);
    if (step.type === "finish") {
      ctx.dispatch({ type: "finished" });
      return;
    }
    if (step.type === "blocked") {
      ctx.dispatch({ type: "halted" });
      return;
    }
    if (step.type === "generate") {
      ctx.dispatch({ type: "roundStarted", kind: step.kind, sourceIndex: step.source?.index ?? null });
      continue;
    }
    if (step.type === "candidates") {
      await runCandidates(ctx, advanceRound);
      continue;
    }
    if (step.type === "continueGeneration") await generate(ctx, step.round);
    else if (step.type === "render") await render(ctx, step.round);
    else await critique(ctx, step.round, step.final);
    await ctx.checkpoint?.(step.round.id);
  }
}
