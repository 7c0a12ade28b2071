/**
 * What items amount to: one item's outcome from its loop, and the run's figures from the
 * outcomes. Pure functions, shared by the CLI's table and report.json, and the page.
 */
import type { BatchItemOutcome, BatchSummary, RoundMean } from "../contract/batch-contract";
import { selectBestRound } from "../loop/loop-selectors";
import type { LoopState, Round } from "../loop/loop-types";

function outputTokensOf(round: Round): number {
  return (round.generation?.usage.outputTokens ?? 0) + (round.critiqueMeta?.usage.outputTokens ?? 0);
}

/** How an item's loop ended: done; failed (a step failed for good); stopped (cut short, resumable). */
export function itemStatusOf(state: Pick<LoopState, "status">): BatchItemOutcome["status"] {
  if (state.status === "done") return "done";
  if (state.status === "failed") return "failed";
  return "stopped";
}

export function itemOutcome(
  id: string,
  state: Pick<LoopState, "status" | "rounds">,
  elapsedMs: number,
  /** The last failed step's error was transient (its retries ran out). */
  transient = false,
): BatchItemOutcome {
  const best = selectBestRound(state);
  const status = itemStatusOf(state);
  const failed = status === "failed" ? state.rounds.findLast((r) => r.error !== null) : undefined;
  return {
    id,
    status,
    rounds: state.rounds.length,
    draftScore: state.rounds[0]?.critique?.score ?? null,
    bestScore: best?.critique?.score ?? null,
    bestRoundIndex: best?.index ?? null,
    rendered: state.rounds.some((r) => r.png !== null),
    outputTokens: state.rounds.reduce((sum, r) => sum + outputTokensOf(r), 0),
    elapsedMs: Math.round(elapsedMs),
    error: failed?.error ? { ...failed.error, transient } : null,
    ...matchOf(state.rounds, best),
  };
}

/** An image row's matches: every measured round's, and the best round's. */
function matchOf(rounds: readonly Round[], best: Round | null): Pick<BatchItemOutcome, "match"> {
  const measured = rounds.flatMap((r) => (r.match ? [{ round: r.index, ssim: r.match.ssim, psnr: r.match.psnr }] : []));
  if (measured.length === 0) return {};
  return { match: { rounds: measured, bestSsim: best?.match?.ssim ?? null, bestPsnr: best?.match?.psnr ?? null } };
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * The run's figures over its finished items (done or failed; stopped ones are not finished).
 * `items` is the number of items in the run, finished or not.
 */
export function summarizeBatch(outcomes: readonly BatchItemOutcome[], threshold: number, items = outcomes.length): BatchSummary {
  const finished = outcomes.filter((o) => o.status !== "stopped");
  const failuresByCause: Record<string, number> = {};
  for (const o of finished) {
    if (o.status === "failed") {
      const cause = o.error?.code ?? "unknown";
      failuresByCause[cause] = (failuresByCause[cause] ?? 0) + 1;
    }
  }
  const share = (count: number) => (finished.length === 0 ? null : count / finished.length);
  return {
    items,
    finished: finished.length,
    done: finished.filter((o) => o.status === "done").length,
    failed: finished.filter((o) => o.status === "failed").length,
    stopped: outcomes.filter((o) => o.status === "stopped").length,
    renderSuccessRate: share(finished.filter((o) => o.rendered).length),
    meanDraftScore: mean(finished.flatMap((o) => (o.draftScore === null ? [] : [o.draftScore]))),
    meanBestScore: mean(finished.flatMap((o) => (o.bestScore === null ? [] : [o.bestScore]))),
    thresholdShare: share(finished.filter((o) => o.bestScore !== null && o.bestScore >= threshold).length),
    meanRounds: mean(finished.map((o) => o.rounds)),
    meanOutputTokens: mean(finished.map((o) => o.outputTokens)),
    meanItemMs: mean(finished.map((o) => o.elapsedMs)),
    failuresByCause,
    meanSsim: mean(finished.flatMap((o) => (o.match?.bestSsim == null ? [] : [o.match.bestSsim]))),
    meanPsnr: mean(finished.flatMap((o) => (o.match?.bestPsnr == null ? [] : [o.match.bestPsnr]))),
  };
}

/** Accumulates the mean score (and, for image rows, SSIM and PSNR) of each round position over items, one item's rounds at a time. */
export function createRoundMeans(): { add(rounds: readonly Pick<Round, "index" | "critique" | "match">[]): void; result(): RoundMean[] } {
  const sums = new Map<number, { total: number; count: number; ssim: number; psnr: number; measured: number }>();
  return {
    add(rounds) {
      for (const r of rounds) {
        if (!r.critique && !r.match) continue;
        const entry = sums.get(r.index) ?? { total: 0, count: 0, ssim: 0, psnr: 0, measured: 0 };
        if (r.critique) {
          entry.total += r.critique.score;
          entry.count += 1;
        }
        if (r.match) {
          entry.ssim += r.match.ssim;
          entry.psnr += r.match.psnr;
          entry.measured += 1;
        }
        sums.set(r.index, entry);
      }
    },
    result: () =>
      [...sums.entries()]
        .sort(([a], [b]) => a - b)
        .map(([round, { total, count, ssim, psnr, measured }]) => ({
          round,
          meanScore: count === 0 ? null : total / count,
          count,
          ...(measured > 0 ? { meanSsim: ssim / measured, meanPsnr: psnr / measured } : {}),
        })),
  };
}

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null, digits = 2) => (x === null ? "–" : x.toFixed(digits));
const secs = (ms: number | null) => (ms === null ? "–" : `${(ms / 1000).toFixed(1)} s`);

/** The summary as rows of a two-column table (label, value), for the CLI and logs. */
export function summaryRows(summary: BatchSummary, threshold: number): Array<[string, string]> {
  const causes = Object.entries(summary.failuresByCause).sort(([, a], [, b]) => b - a);
  return [
    [
      "Items",
      `${summary.items} (${summary.done} done, ${summary.failed} failed${summary.stopped ? `, ${summary.stopped} stopped` : ""}${summary.items - summary.finished - summary.stopped > 0 ? `, ${summary.items - summary.finished - summary.stopped} not run` : ""})`,
    ],
    ["Render success rate (RSR)", pct(summary.renderSuccessRate)],
    ["Mean draft score", num(summary.meanDraftScore)],
    ["Mean best score", num(summary.meanBestScore)],
    [`Reached threshold (≥ ${threshold})`, pct(summary.thresholdShare)],
    ["Mean rounds", num(summary.meanRounds)],
    ["Mean output tokens", num(summary.meanOutputTokens, 0)],
    ["Mean time per item", secs(summary.meanItemMs)],
    ...(summary.meanSsim !== null
      ? ([
          ["Mean SSIM (image rows)", num(summary.meanSsim, 3)],
          ["Mean PSNR (image rows)", summary.meanPsnr === null ? "–" : `${summary.meanPsnr.toFixed(1)} dB`],
        ] as Array<[string, string]>)
      : []),
    ["Failures by cause", causes.length === 0 ? "none" : causes.map(([code, n]) => `${code} ${n}`).join(", ")],
  ];
}

export function formatSummaryTable(summary: BatchSummary, threshold: number): string {
  const rows = summaryRows(summary, threshold);
  const width = Math.max(...rows.map(([label]) => label.length));
  const line = `+${"-".repeat(width + 2)}+${"-".repeat(Math.max(...rows.map(([, v]) => v.length)) + 2)}+`;
  const valueWidth = line.length - width - 7;
  return [line, ...rows.map(([label, value]) => `| ${label.padEnd(width)} | ${value.padEnd(valueWidth)} |`), line].join("\n");
}
