import { describe, expect, it } from "vitest";
import { selectActiveRound, selectBestRound, selectFailedRound, selectResultRound, selectRoundScore, selectShownRound } from "./loop-selectors";
import { makeRound, stateWithScores } from "../../test/support/loop-builders";

describe("selectBestRound", () => {
  it("picks the highest score even when a later round scored lower", () => {
    expect(selectBestRound(stateWithScores([6, 8.5, 7, 4]))?.id).toBe("round-2");
  });

  it("picks the earliest round on a tie", () => {
    expect(selectBestRound(stateWithScores([7, 9, 9, 9]))?.id).toBe("round-2");
    expect(selectBestRound(stateWithScores([0, 0]))?.id).toBe("round-1");
  });

  it("skips rounds without a critique and returns null when none has one", () => {
    const s = stateWithScores([5, 3]);
    const rounds = [...s.rounds, makeRound(3, { phase: "failed", critique: null })];
    expect(selectBestRound({ rounds })?.id).toBe("round-1");
    expect(selectBestRound({ rounds: [makeRound(1, { critique: null })] })).toBeNull();
    expect(selectBestRound({ rounds: [] })).toBeNull();
  });
});

describe("selectActiveRound and selectFailedRound", () => {
  it("the active round is the last one while running and unfinished", () => {
    const s = stateWithScores([5]);
    const generating = makeRound(2, { phase: "generating", critique: null });
    expect(selectActiveRound({ ...s, rounds: [...s.rounds, generating] })).toBe(generating);
    expect(selectActiveRound({ ...s, status: "paused", rounds: [...s.rounds, generating] })).toBeNull();
    expect(selectActiveRound(s)).toBeNull();
  });

  it("the failed round is the last round when it failed", () => {
    const s = stateWithScores([5]);
    const failed = makeRound(2, { phase: "failed", critique: null, error: { step: "render", code: "render_failed", message: "x" } });
    expect(selectFailedRound({ rounds: [...s.rounds, failed] })).toBe(failed);
    expect(selectFailedRound(s)).toBeNull();
  });
});

describe("a round's score", () => {
  it("comes from a finished critique only: a stopped critique's fragment is no score", () => {
    expect(selectRoundScore(makeRound(1, { critique: { score: 6.1, critique: "c", suggestions: "s" } }))).toBe(6.1);
    const stopped = makeRound(2, { phase: "stopped", stoppedStep: "critique", critique: null, critiqueText: '{"score": 8.9, "critique": "The sha' });
    expect(selectRoundScore(stopped)).toBeNull();
    // The best round is then the one that was scored.
    expect(selectBestRound({ rounds: [makeRound(1, { critique: { score: 6.1, critique: "c", suggestions: "s" } }), stopped] })?.index).toBe(1);
  });
});

describe("the Result panel's round", () => {
  const running = (rounds: ReturnType<typeof makeRound>[]) => ({ status: "running" as const, rounds });

  it("keeps the best round while the next one streams (the workbench follows the new one)", () => {
    const s = stateWithScores([6.5]);
    const streaming = makeRound(2, { phase: "generating", critique: null, svg: undefined });
    const state = running([...s.rounds, streaming]);
    expect(selectResultRound(state, null)?.id).toBe("round-1");
    expect(selectShownRound(state, null)?.id).toBe("round-2");
  });

  it("shows the latest drawing before any round is scored, and nothing before one is drawn", () => {
    const drawn = makeRound(1, { phase: "critiquing", critique: null });
    expect(selectResultRound(running([drawn]), null)).toBe(drawn);
    const first = makeRound(1, { phase: "generating", critique: null, svg: undefined });
    expect(selectResultRound(running([first]), null)?.svg).toBeUndefined();
    expect(selectResultRound(running([]), null)).toBeNull();
  });

  it("a round the person picked, or kept, wins over the best score", () => {
    const s = stateWithScores([6, 9]);
    expect(selectResultRound(s, "round-1")?.id).toBe("round-1");
    expect(selectResultRound({ ...s, settings: { keptRound: 1 } }, null)?.id).toBe("round-1");
    expect(selectResultRound(s, null)?.id).toBe("round-2");
  });
});
