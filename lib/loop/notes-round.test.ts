/**
 * Refining from the designer's own notes, and profiles in the loop: a "notes" round is refined
 * from a round's SVG with the notes in place of the critique, rendered and critiqued like any
 * round; like a hand edit it spends no refinement budget, and then the loop continues or stops
 * as its settings say. Each step names the session's profile; a profile without a critic runs a
 * single pass.
 */
import { describe, expect, it } from "vitest";
import type { ModelPort, StepResult } from "./loop-ports";
import { loopReducer } from "./loop-reducer";
import { roundSchema } from "./loop-schema";
import { INITIAL_LOOP_STATE, type LoopSettings, type LoopState } from "./loop-types";
import { nextStep, refinementsSpent } from "./next-step";
import { createRunController } from "./run-controller";
import { runLoopToEnd } from "./run-loop-to-end";
import { META, makeRound, stateWithScores, svgOf } from "../../test/support/loop-builders";
import { fakeRasterize, recordingSessions } from "../../test/support/loop-ports";
import { notesAvailability } from "../store/studio-store";

const OK: StepResult = { ok: true, meta: META };

/** A model that records every call, answering with fixed SVGs and the given scores in turn. */
function recordingModel(scores: number[]) {
  const calls: Array<{ step: string; input: Record<string, unknown> }> = [];
  let critiques = 0;
  const model: ModelPort = {
    generate: async (input, { onDelta }) => (calls.push({ step: "generate", input }), onDelta(svgOf(1)), OK),
    refine: async (input, { onDelta }) => (calls.push({ step: "refine", input }), onDelta(svgOf(input.notes ? 7 : 2)), OK),
    critique: async (input, { onDelta }) => {
      calls.push({ step: "critique", input });
      const score = scores[Math.min(critiques++, scores.length - 1)];
      onDelta(JSON.stringify({ score, critique: "c", suggestions: "1. s" }));
      return OK;
    },
  };
  return { model, calls };
}

function driver(model: ModelPort, initial: LoopState = INITIAL_LOOP_STATE) {
  let state = initial;
  const sessions = recordingSessions();
  const controller = createRunController({
    model,
    rasterize: fakeRasterize,
    sessions: sessions.port,
    getState: () => state,
    apply: (e) => (state = loopReducer(state, e)),
  });
  return {
    controller,
    sessions,
    get state() {
      return state;
    },
  };
}

const PAPER: LoopSettings = { mode: "paper", maxRefinements: 1, threshold: 9.5, profile: "chat" };

describe("a notes round in the reducer and nextStep", () => {
  it("notesCommitted adds a round of kind notes from the source round, with the notes, to be generated", () => {
    const state = loopReducer({ ...stateWithScores([5, 6]), status: "done" }, { type: "notesCommitted", notes: "make it red", sourceRoundId: "round-1" });
    expect(state.rounds[2]).toMatchObject({ id: "round-3", index: 3, kind: "notes", sourceIndex: 1, notes: "make it red", phase: "generating", svg: null });
    expect(nextStep({ ...state, status: "running" })).toMatchObject({ type: "continueGeneration" });
  });

  it("a round without an SVG cannot be refined from notes", () => {
    const state = { ...stateWithScores([5]), rounds: [makeRound(1, { svg: null, phase: "failed" })] };
    expect(loopReducer(state, { type: "notesCommitted", notes: "x", sourceRoundId: "round-1" })).toBe(state);
  });

  it("does not spend the refinement budget; once critiqued the loop stops or goes on as its settings say", () => {
    const spent = stateWithScores([5, 6], { maxRefinements: 1 });
    const withNotes = { ...spent, rounds: [...spent.rounds, makeRound(3, { kind: "notes", sourceIndex: 1, notes: "n" })] };
    expect(refinementsSpent(withNotes)).toBe(1);
    expect(nextStep(withNotes)).toEqual({ type: "finish", reason: "rounds" });
    const budget = { ...withNotes, settings: { ...withNotes.settings, maxRefinements: 2 } };
    expect(nextStep(budget)).toMatchObject({ type: "generate", kind: "refine", source: { index: 3 } });
    const good = {
      ...budget,
      rounds: [...spent.rounds, makeRound(3, { kind: "notes", notes: "n", critique: { score: 9.7, critique: "c", suggestions: "s" } })],
    };
    expect(nextStep(good)).toEqual({ type: "finish", reason: "threshold" });
  });

  it("rounds stored before notes existed read with notes null", () => {
    const { notes: _dropped, ...old } = makeRound(1);
    void _dropped;
    expect(roundSchema.parse(old).notes).toBeNull();
  });
});

describe("refine with my notes, through the run controller", () => {
  it("sends the notes with the source round's SVG and the session's profile, critiques the new round, then refines on", async () => {
    const { model, calls } = recordingModel([6, 7, 8]);
    const d = driver(model);
    await d.controller.start("a red kite", { ...PAPER, maxRefinements: 2 });
    // draft 6 → refine 7 → refine 8: done, the budget spent.
    expect(d.state.rounds.map((r) => r.kind)).toEqual(["draft", "refine", "refine"]);
    calls.length = 0;
    await d.controller.refineWithNotes("round-1", "make it red");
    expect(calls.map((c) => c.step)).toEqual(["refine", "critique"]);
    expect(calls[0].input).toEqual({ prompt: "a red kite", svg: svgOf(1), critique: "", suggestions: "", notes: "make it red", profile: "chat" });
    expect(calls[1].input).toMatchObject({ profile: "chat", final: false });
    const notes = d.state.rounds[3];
    expect(notes).toMatchObject({ kind: "notes", sourceIndex: 1, notes: "make it red", phase: "done", svg: svgOf(7), critique: { score: 8 } });
    expect(d.state.status).toBe("done");
    // It was stored like any round, with its notes.
    expect(d.sessions.saved.at(-1)?.round).toMatchObject({ kind: "notes", notes: "make it red", phase: "done" });
  });

  it("with rounds left, the loop refines on from the notes round", async () => {
    const { model, calls } = recordingModel([6, 9.8]);
    const d = driver(model);
    d.controller.load({
      id: "S1",
      prompt: "a red kite",
      settings: { ...PAPER, maxRefinements: 3 },
      rounds: [makeRound(1)],
      status: "done",
      extraRefinements: 0,
    });
    await d.controller.refineWithNotes("round-1", "bigger");
    expect(d.state.rounds.map((r) => r.kind)).toEqual(["draft", "notes", "refine"]);
    expect(calls.map((c) => c.step)).toEqual(["refine", "critique", "refine", "critique"]);
    expect(calls[2].input).toMatchObject({ svg: svgOf(7), critique: "c", suggestions: "1. s" });
    expect(d.state.status).toBe("done");
  });
});

describe("profiles in the loop", () => {
  it("every step names the session's profile", async () => {
    const { model, calls } = recordingModel([9.9]);
    await runLoopToEnd({ prompt: "p", settings: { ...PAPER, profile: "internsvg-8b" }, model, rasterize: fakeRasterize });
    expect(calls.map((c) => [c.step, c.input.profile])).toEqual([
      ["generate", "internsvg-8b"],
      ["critique", "internsvg-8b"],
    ]);
  });

  it("a profile without a critic is a single pass: drawn, rendered, done, never critiqued", async () => {
    const { model, calls } = recordingModel([9]);
    const state = await runLoopToEnd({ prompt: "p", settings: { ...PAPER, singlePass: true }, model, rasterize: fakeRasterize });
    expect(calls.map((c) => c.step)).toEqual(["generate"]);
    expect(state.status).toBe("done");
    expect(state.rounds).toHaveLength(1);
    expect(state.rounds[0]).toMatchObject({ phase: "done", critique: null, png: expect.stringMatching(/^data:image\/png/) });
  });
});

describe("notesAvailability (the button's state and title)", () => {
  const done = { ...stateWithScores([5, 6]), status: "done" as const };
  it("says why it cannot run", () => {
    expect(notesAvailability({ ...done, status: "running" }, "round-1", "red")).toMatchObject({ enabled: false, reason: expect.stringContaining("running") });
    expect(notesAvailability(done, "round-1", "   ")).toMatchObject({ enabled: false, reason: expect.stringContaining("Write your notes") });
    const noSvg = { ...done, rounds: [makeRound(1, { svg: null })] };
    expect(notesAvailability(noSvg, "round-1", "red")).toMatchObject({ enabled: false, reason: "This round has no SVG to refine." });
    const midway = { ...done, status: "paused" as const, rounds: [makeRound(1), makeRound(2, { phase: "critiquing" })] };
    expect(notesAvailability(midway, "round-1", "red")).toMatchObject({ enabled: false, reason: expect.stringContaining("still in progress") });
    expect(notesAvailability(done, "round-1", "make it red")).toEqual({ enabled: true, reason: expect.stringContaining("Refine round 1 from your notes") });
  });
});
