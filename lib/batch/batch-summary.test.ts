/** The figures a batch prints at the end and the page shows live. */
import { describe, expect, it } from "vitest";
import { critiqueOf, makeRound } from "../../test/support/loop-builders";
import { createRoundMeans, formatSummaryTable, itemOutcome, summarizeBatch } from "./batch-summary";

describe("batch summary", () => {
  const done = itemOutcome(
    "a",
    { status: "done", rounds: [makeRound(1, { critique: critiqueOf(1, 6) }), makeRound(2, { critique: critiqueOf(2, 9.6) })] },
    4000,
  );
  const lowDone = itemOutcome("b", { status: "done", rounds: [makeRound(1, { critique: critiqueOf(1, 8) })] }, 2000);
  const failed = itemOutcome(
    "c",
    {
      status: "failed",
      rounds: [makeRound(1, { phase: "failed", png: null, critique: null, error: { step: "generate", code: "truncated", message: "cut off" } })],
    },
    1000,
  );
  const stopped = itemOutcome("d", { status: "stopped", rounds: [] }, 500);

  it("an item's outcome: rounds, draft and best score, tokens, error", () => {
    expect(done).toMatchObject({ status: "done", rounds: 2, draftScore: 6, bestScore: 9.6, bestRoundIndex: 2, rendered: true, outputTokens: 80, error: null });
    expect(failed).toMatchObject({ status: "failed", rendered: false, bestScore: null, error: { code: "truncated", transient: false } });
    expect(stopped.status).toBe("stopped");
  });

  it("figures over finished items: RSR, means, threshold share, failures by cause", () => {
    const s = summarizeBatch([done, lowDone, failed, stopped], 9.5, 5);
    expect(s).toMatchObject({ items: 5, finished: 3, done: 2, failed: 1, stopped: 1, failuresByCause: { truncated: 1 } });
    expect(s.renderSuccessRate).toBeCloseTo(2 / 3);
    expect(s.meanDraftScore).toBeCloseTo(7);
    expect(s.meanBestScore).toBeCloseTo(8.8);
    expect(s.thresholdShare).toBeCloseTo(1 / 3);
    expect(s.meanRounds).toBeCloseTo(4 / 3);
    expect(s.meanItemMs).toBeCloseTo(7000 / 3);
    const table = formatSummaryTable(s, 9.5);
    expect(table).toMatch(/Render success rate \(RSR\) \| 66\.7 %/);
    expect(table).toMatch(/Failures by cause\s+\| truncated 1/);
    expect(new Set(table.split("\n").map((l) => l.length)).size).toBe(1);
  });

  it("nothing finished: no means", () => {
    expect(summarizeBatch([], 9.5, 3)).toMatchObject({ items: 3, finished: 0, renderSuccessRate: null, meanBestScore: null });
  });

  it("mean score by round position", () => {
    const means = createRoundMeans();
    means.add([makeRound(1, { critique: critiqueOf(1, 6) }), makeRound(2, { critique: critiqueOf(2, 9) })]);
    means.add([makeRound(1, { critique: critiqueOf(1, 8) }), makeRound(2, { critique: null })]);
    expect(means.result()).toEqual([
      { round: 1, meanScore: 7, count: 2 },
      { round: 2, meanScore: 9, count: 1 },
    ]);
  });
});
