/**
 * What a long batch shows while it runs. On a terminal: a live bar (cli-progress) with items
 * finished, done and failed, the rate and the ETA, and warnings printed above it. Elsewhere
 * (a log file, CI, a pipe): one plain line per finished item, with the same figures.
 */
import { MultiBar, Presets } from "cli-progress";
import type { BatchItemOutcome } from "../lib/contract/batch-contract";

export interface BatchProgress {
  /** An item finished; `skipped` ones were finished by an earlier run. */
  itemEnd(outcome: BatchItemOutcome, skipped: boolean): void;
  /** A line that must not be lost under the bar (warnings, retries, stopping). */
  log(message: string): void;
  stop(): void;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "–";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

function describeOutcome(o: BatchItemOutcome): string {
  if (o.status === "done" && o.bestScore === null) return o.rounds > 0 ? `done (${o.rounds} round${o.rounds === 1 ? "" : "s"}, not scored)` : "done";
  if (o.status === "done") return `done, best ${o.bestScore?.toFixed(1) ?? "–"} (round ${o.bestRoundIndex ?? "–"} of ${o.rounds})`;
  if (o.status === "failed") return `FAILED ${o.error?.code ?? ""}: ${o.error?.message ?? ""}`;
  return "stopped";
}

export function createBatchProgress(options: { total: number; tty: boolean; write?: (line: string) => void }): BatchProgress {
  const write = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const started = Date.now();
  const counts = { finished: 0, done: 0, failed: 0, skipped: 0 };
  /** Items finished by this run (not skipped): what the rate and the ETA are made of. */
  const rate = () => {
    const ran = counts.finished - counts.skipped;
    const minutes = (Date.now() - started) / 60_000;
    return ran > 0 && minutes > 0 ? ran / minutes : 0;
  };
  const eta = () => {
    const perMinute = rate();
    return perMinute > 0 ? formatDuration(((options.total - counts.finished) / perMinute) * 60_000) : "–";
  };
  const payload = () => ({ done: counts.done, failed: counts.failed, rate: rate().toFixed(1), etaText: eta() });

  if (options.tty) {
    const multibar = new MultiBar(
      {
        format: " {bar} {percentage}% | {value}/{total} items | {done} done, {failed} failed | {rate} items/min | ETA {etaText}",
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
        etaBuffer: 50,
        fps: 5,
        stream: process.stderr,
      },
      Presets.shades_classic,
    );
    const bar = multibar.create(options.total, 0, payload());
    // The ETA and rate are time-based: keep them moving between item ends.
    const timer = setInterval(() => bar.update(payload()), 1000);
    return {
      itemEnd(outcome, skipped) {
        counts.finished += 1;
        if (skipped) counts.skipped += 1;
        if (outcome.status === "done") counts.done += 1;
        if (outcome.status === "failed") counts.failed += 1;
        if (outcome.status === "failed" && !skipped) multibar.log(`${outcome.id}: ${describeOutcome(outcome)}\n`);
        bar.update(counts.finished, payload());
      },
      log: (message) => multibar.log(`${message}\n`),
      stop() {
        clearInterval(timer);
        bar.update(payload());
        multibar.stop();
      },
    };
  }

  let skippedReported = 0;
  const width = String(options.total).length;
  return {
    itemEnd(outcome, skipped) {
      counts.finished += 1;
      if (skipped) counts.skipped += 1;
      if (outcome.status === "done") counts.done += 1;
      if (outcome.status === "failed") counts.failed += 1;
      if (skipped) return;
      if (counts.skipped > skippedReported) {
        write(`${counts.skipped - skippedReported} item(s) already finished by an earlier run`);
        skippedReported = counts.skipped;
      }
      const p = payload();
      write(
        `[${String(counts.finished).padStart(width)}/${options.total}] ${outcome.id}: ${describeOutcome(outcome)} in ${formatDuration(outcome.elapsedMs)} | ${p.done} done, ${p.failed} failed | ${p.rate} items/min | ETA ${p.etaText}`,
      );
    },
    log: write,
    stop() {
      if (counts.skipped > skippedReported) write(`${counts.skipped - skippedReported} item(s) already finished by an earlier run`);
    },
  };
}
