import { describe, expect, it } from "vitest";
import { loopReducer, type LoopEvent } from "./loop-reducer";
import { DEFAULT_SETTINGS, INITIAL_LOOP_STATE, type LoopState } from "./loop-types";
import { META, makeRound, stateWithScores, svgOf } from "../../test/support/loop-builders";

function run(events: LoopEvent[], from: LoopState = INITIAL_LOOP_STATE): LoopState {
  return events.reduce(loopReducer, from);
}

const START: LoopEvent = { type: "started", prompt: "a red kite", settings: DEFAULT_SETTINGS };
const CRITIQUE_JSON = JSON.stringify({ score: 6.5, critique: "Too plain.", suggestions: "1. Add a tail." });

describe("loopReducer: a round from draft to done", () => {
  it("starts a fresh running session, dropping any previous one", () => {
    const previous = stateWithScores([3, 4]);
    const state = loopReducer({ ...previous, status: "failed", extraRefinements: 2 }, START);
    expect(state).toEqual({ ...INITIAL_LOOP_STATE, prompt: "a red kite", settings: DEFAULT_SETTINGS, status: "running" });
  });

  it("accumulates streamed text, extracts the SVG, then takes the PNG and the critique", () => {
    const svg = svgOf(1);
    let state = run([
      START,
      { type: "roundStarted", kind: "draft", sourceIndex: null },
      { type: "generationStarted", roundId: "round-1" },
      { type: "generationDelta", roundId: "round-1", text: "```svg\n" + svg.slice(0, 30) },
      { type: "generationDelta", roundId: "round-1", text: svg.slice(30) + "\n```" },
    ]);
    expect(state.rounds).toHaveLength(1);
    expect(state.rounds[0]).toMatchObject({ id: "round-1", index: 1, kind: "draft", phase: "generating", svg: null });
    expect(state.rounds[0].modelText).toBe("```svg\n" + svg + "\n```");

    state = run([{ type: "generationEnded", roundId: "round-1", meta: META }], state);
    expect(state.rounds[0]).toMatchObject({ phase: "rendering", svg, generation: META, truncated: null });

    state = run(
      [
        { type: "rendered", roundId: "round-1", png: "data:image/png;base64,AAAA" },
        { type: "critiqueStarted", roundId: "round-1", final: false },
        { type: "critiqueDelta", roundId: "round-1", text: CRITIQUE_JSON.slice(0, 12) },
        { type: "critiqueDelta", roundId: "round-1", text: CRITIQUE_JSON.slice(12) },
      ],
      state,
    );
    expect(state.rounds[0]).toMatchObject({ phase: "critiquing", png: "data:image/png;base64,AAAA", critiqueText: CRITIQUE_JSON, critique: null });

    state = run([{ type: "critiqueEnded", roundId: "round-1", meta: META }], state);
    expect(state.rounds[0]).toMatchObject({
      phase: "done",
      critique: { score: 6.5, critique: "Too plain.", suggestions: "1. Add a tail." },
      critiqueMeta: META,
      error: null,
    });
    expect(state.status).toBe("running");
  });

  it("numbers rounds and links a refinement to its source", () => {
    const state = run([{ type: "roundStarted", kind: "refine", sourceIndex: 1 }], stateWithScores([4]));
    expect(state.rounds[1]).toMatchObject({ id: "round-2", index: 2, kind: "refine", sourceIndex: 1, phase: "generating" });
  });

  it("ignores events for a round that does not exist", () => {
    const state = stateWithScores([4]);
    expect(loopReducer(state, { type: "generationDelta", roundId: "round-9", text: "x" })).toBe(state);
  });
});

describe("loopReducer: failures", () => {
  const generating = run([START, { type: "roundStarted", kind: "draft", sourceIndex: null }]);

  it("fails the round and the loop on a truncated generation (token limit), keeping the partial SVG", () => {
    const state = run(
      [
        { type: "generationDelta", roundId: "round-1", text: svgOf(1) },
        { type: "generationEnded", roundId: "round-1", meta: { ...META, finishReason: "length" } },
      ],
      generating,
    );
    expect(state.status).toBe("failed");
    expect(state.rounds[0]).toMatchObject({ phase: "failed", truncated: "length", svg: svgOf(1), error: { step: "generate", code: "truncated" } });
    expect(state.rounds[0].error?.message).toMatch(/token limit/);
  });

  it("fails the round on an unclosed SVG and on output with no SVG", () => {
    const unclosed = run(
      [
        { type: "generationDelta", roundId: "round-1", text: '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/>' },
        { type: "generationEnded", roundId: "round-1", meta: META },
      ],
      generating,
    );
    expect(unclosed.rounds[0]).toMatchObject({ phase: "failed", truncated: "unclosed", error: { step: "generate", code: "truncated" } });
    expect(unclosed.status).toBe("failed");

    const none = run(
      [
        { type: "generationDelta", roundId: "round-1", text: "I can't draw that." },
        { type: "generationEnded", roundId: "round-1", meta: META },
      ],
      generating,
    );
    expect(none.rounds[0]).toMatchObject({ phase: "failed", svg: null, error: { step: "generate", code: "no_svg" } });
    expect(none.status).toBe("failed");
  });

  it("fails the round on an unparsable critique and keeps the raw text", () => {
    const critiquing = { ...stateWithScores([]), rounds: [makeRound(1, { phase: "critiquing", critique: null, critiqueMeta: null })] };
    const state = run(
      [
        { type: "critiqueStarted", roundId: "round-1", final: false },
        { type: "critiqueDelta", roundId: "round-1", text: "Score: 7/10, nice." },
        { type: "critiqueEnded", roundId: "round-1", meta: META },
      ],
      critiquing,
    );
    expect(state.status).toBe("failed");
    expect(state.rounds[0]).toMatchObject({
      phase: "failed",
      critique: null,
      critiqueText: "Score: 7/10, nice.",
      error: { step: "critique", code: "unparsable_critique" },
    });
  });

  it("a stepFailed with code stopped sets status stopped; any other code sets failed; both clear a pending pause", () => {
    const base = { ...stateWithScores([5]), pauseRequested: true, rounds: [makeRound(1), makeRound(2, { phase: "generating", critique: null })] };
    const stopped = loopReducer(base, { type: "stepStopped", roundId: "round-2", step: "generate" });
    expect(stopped).toMatchObject({ status: "stopped", pauseRequested: false });
    expect(stopped.rounds[1]).toMatchObject({ phase: "stopped", stoppedStep: "generate", error: null });
    expect(stopped.rounds[0]).toBe(base.rounds[0]);

    const failed = loopReducer(base, { type: "stepFailed", roundId: "round-2", step: "generate", code: "upstream:http", message: "502" });
    expect(failed.status).toBe("failed");
  });
});

describe("loopReducer: retry, pause, stop, resume", () => {
  const failedAt = (step: "generate" | "render" | "critique"): LoopState => ({
    ...stateWithScores([5]),
    status: "failed",
    rounds: [
      makeRound(1),
      makeRound(2, {
        phase: "failed",
        critiqueText: step === "critique" ? "{bad" : "",
        critique: null,
        critiqueMeta: step === "critique" ? META : null,
        png: step === "critique" ? "data:image/png;base64,QQ==" : null,
        error: { step, code: "upstream:http", message: "x" },
      }),
    ],
  });

  it("retries a failed generation from the start of the generation", () => {
    const before = failedAt("generate");
    const state = loopReducer(before, { type: "retried" });
    expect(state.status).toBe("running");
    expect(state.rounds[1]).toMatchObject({ phase: "generating", error: null, modelText: "", svg: null, truncated: null, generation: null });
    // The completed round is kept as it was.
    expect(state.rounds[0]).toBe(before.rounds[0]);
  });

  it("retries a failed render without touching the SVG", () => {
    const state = loopReducer(failedAt("render"), { type: "retried" });
    expect(state.rounds[1]).toMatchObject({ phase: "rendering", error: null, svg: svgOf(2), png: null });
  });

  it("retries a failed critique keeping the SVG and the PNG the critic saw", () => {
    const state = loopReducer(failedAt("critique"), { type: "retried" });
    expect(state.rounds[1]).toMatchObject({
      phase: "critiquing",
      error: null,
      svg: svgOf(2),
      png: "data:image/png;base64,QQ==",
      critiqueText: "",
      critique: null,
      critiqueMeta: null,
    });
  });

  it("a pause is only requested while running", () => {
    const running = stateWithScores([5]);
    expect(loopReducer(running, { type: "pauseRequested" }).pauseRequested).toBe(true);
    const done = { ...running, status: "done" as const };
    expect(loopReducer(done, { type: "pauseRequested" })).toBe(done);
    expect(loopReducer({ ...running, pauseRequested: true }, { type: "paused" })).toMatchObject({ status: "paused", pauseRequested: false });
  });

  it("stop applies only to a running or paused loop", () => {
    const running = stateWithScores([5]);
    expect(loopReducer(running, { type: "stopped" }).status).toBe("stopped");
    expect(loopReducer({ ...running, status: "paused" }, { type: "stopped" }).status).toBe("stopped");
    const done = { ...running, status: "done" as const };
    expect(loopReducer(done, { type: "stopped" })).toBe(done);
  });

  it("resume adds extra refinement rounds to the budget", () => {
    const paused = { ...stateWithScores([5]), status: "paused" as const };
    const once = loopReducer(paused, { type: "resumed", extraRefinements: 2 });
    expect(once).toMatchObject({ status: "running", extraRefinements: 2 });
    expect(loopReducer(once, { type: "resumed", extraRefinements: 1 }).extraRefinements).toBe(3);
    expect(loopReducer(paused, { type: "resumed" }).extraRefinements).toBe(0);
  });
});

describe("loopReducer: edits", () => {
  it("an edit becomes a new round of kind edit that starts at rendering with the edited SVG", () => {
    const edited = svgOf(7);
    const state = loopReducer(stateWithScores([4, 6]), { type: "editCommitted", svg: edited, sourceRoundId: "round-1" });
    expect(state.rounds).toHaveLength(3);
    expect(state.rounds[2]).toMatchObject({
      id: "round-3",
      index: 3,
      kind: "edit",
      sourceIndex: 1,
      phase: "rendering",
      svg: edited,
      modelText: edited,
      png: null,
      critique: null,
      generation: null,
    });
  });
});

describe("loopReducer: rounds left behind", () => {
  it("an edit or notes committed while a round waits for its render or critique leaves that round stopped at its step", () => {
    const paused: LoopState = { ...stateWithScores([4]), status: "paused" };
    const waiting = { ...paused, rounds: [...paused.rounds, makeRound(2, { phase: "rendering", png: null, critique: null })] };
    const edited = loopReducer(waiting, { type: "editCommitted", svg: svgOf(9), sourceRoundId: "round-2" });
    expect(edited.rounds.map((r) => [r.phase, r.stoppedStep])).toEqual([
      ["done", null],
      ["stopped", "render"],
      ["rendering", null],
    ]);
    const critiquing = { ...paused, rounds: [...paused.rounds, makeRound(2, { phase: "critiquing", critique: null })] };
    const noted = loopReducer(critiquing, { type: "notesCommitted", notes: "make it red", sourceRoundId: "round-2" });
    expect(noted.rounds.map((r) => [r.phase, r.stoppedStep])).toEqual([
      ["done", null],
      ["stopped", "critique"],
      ["generating", null],
    ]);
    // A finished round is left as it is.
    expect(loopReducer(paused, { type: "editCommitted", svg: svgOf(9), sourceRoundId: "round-1" }).rounds[0]).toBe(paused.rounds[0]);
  });
});

describe("loopReducer: loaded", () => {
  it("replaces the state with a saved session", () => {
    const saved = stateWithScores([1, 2, 3]);
    expect(loopReducer(INITIAL_LOOP_STATE, { type: "loaded", state: saved })).toBe(saved);
  });
});
