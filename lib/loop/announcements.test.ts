import { describe, expect, it } from "vitest";
import { batchAnnouncement, BATCH_ANNOUNCE_INTERVAL_MS, loopAnnouncements, type BatchAnnounced, type BatchProgress } from "./announcements";
import { loopReducer, type LoopEvent } from "./loop-reducer";
import { INITIAL_LOOP_STATE, type LoopState } from "./loop-types";
import { META, pngOf, svgOf } from "../../test/support/loop-builders";

const critique = (score: number) => JSON.stringify({ score, critique: "A clean drawing.", suggestions: "1. Bolder lines." });

/** Feeds events through the reducer and collects what would be announced after each one. */
function announce(events: LoopEvent[], from: LoopState = INITIAL_LOOP_STATE) {
  let state = from;
  const said: string[] = [];
  for (const event of events) {
    const next = loopReducer(state, event);
    said.push(...loopAnnouncements(state, next));
    state = next;
  }
  return { said, state };
}

/** One whole round, streamed a few characters at a time. */
function roundEvents(id: string, kind: "draft" | "refine", score: number, sourceIndex: number | null): LoopEvent[] {
  const svg = svgOf(Number(id.slice(-1)));
  const text = critique(score);
  return [
    { type: "roundStarted", kind, sourceIndex },
    { type: "generationStarted", roundId: id },
    ...Array.from({ length: Math.ceil(svg.length / 7) }, (_, i): LoopEvent => ({ type: "generationDelta", roundId: id, text: svg.slice(i * 7, i * 7 + 7) })),
    { type: "generationEnded", roundId: id, meta: META },
    { type: "rendered", roundId: id, png: pngOf(1) },
    { type: "critiqueStarted", roundId: id, final: false },
    ...Array.from({ length: Math.ceil(text.length / 5) }, (_, i): LoopEvent => ({ type: "critiqueDelta", roundId: id, text: text.slice(i * 5, i * 5 + 5) })),
    { type: "critiqueEnded", roundId: id, meta: META },
  ];
}

const settings = { mode: "paper" as const, maxRefinements: 3, threshold: 9.5 };

describe("loopAnnouncements", () => {
  it("says when each round starts and is scored and when the loop ends, never per token", () => {
    const { said } = announce([
      { type: "started", prompt: "a red kite", settings },
      ...roundEvents("round-1", "draft", 5, null),
      ...roundEvents("round-2", "refine", 7.5, 1),
      ...roundEvents("round-3", "refine", 6.5, 2),
      { type: "finished" },
    ]);
    expect(said).toEqual([
      "Round 1 started",
      "Round 1 scored 5.0",
      "Round 2 started",
      "Round 2 scored 7.5",
      "Round 3 started",
      "Round 3 scored 6.5",
      "Loop finished: best round 2 scored 7.5",
    ]);
  });

  it("says why the loop failed", () => {
    const { said } = announce([
      { type: "started", prompt: "a red kite", settings },
      { type: "roundStarted", kind: "draft", sourceIndex: null },
      { type: "generationStarted", roundId: "round-1" },
      { type: "generationDelta", roundId: "round-1", text: "<svg" },
      { type: "stepFailed", roundId: "round-1", step: "generate", code: "upstream:unreachable", message: "Cannot reach the inference server." },
    ]);
    expect(said).toEqual(["Round 1 started", "Loop failed in round 1: Cannot reach the inference server."]);
  });

  it("says pause, resume and stop; Retry resumes", () => {
    const started = announce([{ type: "started", prompt: "a red kite", settings }, ...roundEvents("round-1", "draft", 5, null)]);
    const { said } = announce(
      [
        { type: "pauseRequested" },
        { type: "paused" },
        { type: "resumed" },
        { type: "roundStarted", kind: "refine", sourceIndex: 1 },
        { type: "stopped" },
        { type: "retried" },
      ],
      started.state,
    );
    expect(said).toEqual(["Loop paused", "Loop resumed", "Round 2 started", "Loop stopped", "Loop resumed"]);
  });

  it("a new run is announced from its own first round, not compared with the old run's", () => {
    const first = announce([
      { type: "started", prompt: "a red kite", settings },
      ...roundEvents("round-1", "draft", 5, null),
      ...roundEvents("round-2", "refine", 6, 1),
      { type: "finished" },
    ]);
    const { said } = announce([{ type: "started", prompt: "a blue kite", settings }, ...roundEvents("round-1", "draft", 8, null)], first.state);
    expect(said).toEqual(["Round 1 started", "Round 1 scored 8.0"]);
  });

  it("a hand edit is a round that starts and is scored", () => {
    const first = announce([{ type: "started", prompt: "a red kite", settings }, ...roundEvents("round-1", "draft", 5, null), { type: "paused" }]);
    const { said } = announce(
      [
        { type: "editCommitted", svg: svgOf(9), sourceRoundId: "round-1" },
        { type: "resumed" },
        { type: "rendered", roundId: "round-2", png: pngOf(2) },
        { type: "critiqueStarted", roundId: "round-2", final: false },
        { type: "critiqueDelta", roundId: "round-2", text: critique(9.6) },
        { type: "critiqueEnded", roundId: "round-2", meta: META },
        { type: "finished" },
      ],
      first.state,
    );
    expect(said).toEqual(["Round 2 started", "Loop resumed", "Round 2 scored 9.6", "Loop finished: best round 2 scored 9.6"]);
  });

  it("a single pass says it was not scored; the same state twice says nothing", () => {
    const state: LoopState = { ...INITIAL_LOOP_STATE, status: "running", settings: { ...settings, singlePass: true } };
    expect(loopAnnouncements(state, { ...state, status: "done" })).toEqual(["Loop finished: a single pass of 0 rounds, not scored"]);
    expect(loopAnnouncements(state, state)).toEqual([]);
  });
});

describe("batchAnnouncement", () => {
  const progress = (finished: number, status: BatchProgress["status"] = "running", total = 100): BatchProgress => ({ status, finished, total, failed: 0 });

  it("announces the start, then progress at most every 10 s and every 10 %, and the end at once", () => {
    let last: BatchAnnounced | null = null;
    const said: Array<[number, string]> = [];
    // An item finishes every 200 ms: 100 items in 20 s, read every second.
    for (let t = 0; t <= 20_000; t += 1_000) {
      const finished = Math.min(100, Math.floor(t / 200));
      const result = batchAnnouncement(last, progress(finished, finished === 100 ? "done" : "running"), t);
      if (result.message) said.push([t, result.message]);
      last = result.announced;
    }
    expect(said).toEqual([
      [0, "Batch running: 0 of 100 items finished"],
      [10_000, "Batch progress: 50 of 100 items finished"],
      [20_000, "Batch done: 100 of 100 items finished"],
    ]);
  });

  it("a slow batch is announced every 10 % only", () => {
    let last: BatchAnnounced | null = batchAnnouncement(null, progress(0), 0).announced;
    const said: string[] = [];
    // One item a minute.
    for (let finished = 1; finished <= 25; finished++) {
      const result = batchAnnouncement(last, progress(finished), finished * 60_000);
      if (result.message) said.push(result.message);
      last = result.announced;
    }
    expect(said).toEqual(["Batch progress: 10 of 100 items finished", "Batch progress: 20 of 100 items finished"]);
  });

  it("says cancel and resume; a finished job opened later says nothing", () => {
    const running = batchAnnouncement(null, { ...progress(2, "running", 6), failed: 1 }, 0);
    expect(running.message).toBe("Batch running: 2 of 6 items finished, 1 failed");
    const cancelled = batchAnnouncement(running.announced, progress(3, "cancelled", 6), 1_000);
    expect(cancelled.message).toBe("Batch cancelled: 3 of 6 items finished");
    expect(batchAnnouncement(cancelled.announced, progress(3, "running", 6), 2_000).message).toBe("Batch resumed: 3 of 6 items finished");
    expect(batchAnnouncement(null, progress(6, "done", 6), 0).message).toBeNull();
    expect(BATCH_ANNOUNCE_INTERVAL_MS).toBe(10_000);
  });
});
