/**
 * What a screen reader is told about a loop's progress, as a pure function of two successive
 * loop states: when a round starts, when it is scored, and when the loop pauses, stops, ends or
 * fails. Never per token: streamed text changes a round without changing anything announced.
 */
import { selectBestRound } from "./loop-selectors";
import type { LoopState, Round } from "./loop-types";
import { candidateAnnouncements } from "./candidate-announcements";
import { roundName, sentenceRoundName } from "./round-names";

type Announced = Pick<LoopState, "rounds" | "status" | "settings" | "candidates">;

/** The messages for the step from `prev` to `next` (usually none), in the order they happened. */
export function loopAnnouncements(prev: Announced, next: Announced): string[] {
  if (prev === next) return [];
  const messages: string[] = [];
  // A new run starts from no rounds: the old run's rounds are not compared with the new one's.
  const fresh = next.rounds.length < prev.rounds.length || next.rounds.length === 0;
  const before = fresh ? [] : prev.rounds;
  messages.push(...candidateAnnouncements(fresh && next.rounds.length === 0 ? { ...prev, candidates: undefined } : prev, next));
  for (const round of next.rounds) {
    const earlier: Round | undefined = before[round.index - 1];
    // A round chosen from the candidates was announced as they were scored.
    if (round.candidate != null && !earlier) continue;
    if (!earlier) messages.push(`${sentenceRoundName(round)} started`);
    if (round.critique && !earlier?.critique) messages.push(`${sentenceRoundName(round)} scored ${round.critique.score.toFixed(1)}`);
  }
  if (next.status !== prev.status) {
    const status = statusAnnouncement(next, fresh);
    if (status) messages.push(status);
  }
  return messages;
}

function statusAnnouncement(next: Announced, fresh: boolean): string | null {
  const last = next.rounds[next.rounds.length - 1];
  switch (next.status) {
    case "done": {
      const n = next.rounds.length;
      if (next.settings.singlePass) return `Loop finished: a single pass of ${n} round${n === 1 ? "" : "s"}, not scored`;
      const best = selectBestRound(next);
      return best?.critique
        ? `Loop finished: best ${roundName(best)} scored ${best.critique.score.toFixed(1)}`
        : `Loop finished after ${n} round${n === 1 ? "" : "s"}`;
    }
    case "failed": {
      const failed = last?.phase === "failed" ? last : null;
      if (!last && next.candidates?.length) return "Loop failed: no candidate can be used (each is invalid, truncated, blank or failed)";
      return `Loop failed${failed ? ` in ${roundName(failed)}` : ""}: ${failed?.error?.message ?? "a step failed"}`;
    }
    case "stopped":
      return "Loop stopped";
    case "paused":
      return "Loop paused";
    case "running":
      // A fresh start is announced by its first round; a continuation (Resume, Retry) says so.
      return fresh ? null : "Loop resumed";
    case "idle":
      return null;
  }
}

export interface BatchProgress {
  status: "running" | "done" | "cancelled" | "interrupted";
  finished: number;
  total: number;
  failed: number;
}

/** The last batch announcement: what it said about progress, and when. */
export interface BatchAnnounced {
  status: BatchProgress["status"];
  finished: number;
  at: number;
}

/** At most one progress announcement per this many milliseconds… */
export const BATCH_ANNOUNCE_INTERVAL_MS = 10_000;
/** …and only once progress has moved by at least this share of the items since the last. */
export const BATCH_ANNOUNCE_STEP = 0.1;

/**
 * The batch page's announcement for a new reading of its job's progress, at a sensible rate: a
 * change of status at once; progress only when it has moved by a tenth of the items since the
 * last announcement and ten seconds have passed. The first reading of a job that is no longer
 * running says nothing (the page shows it). `announced` is what to pass as `last` next time.
 */
export function batchAnnouncement(last: BatchAnnounced | null, now: BatchProgress, at: number): { message: string | null; announced: BatchAnnounced } {
  const announced = { status: now.status, finished: now.finished, at };
  if (!last && now.status !== "running") return { message: null, announced };
  const counts = `${now.finished} of ${now.total} items finished${now.failed > 0 ? `, ${now.failed} failed` : ""}`;
  if (!last || last.status !== now.status) {
    const message =
      now.status === "running"
        ? last
          ? `Batch resumed: ${counts}`
          : `Batch running: ${counts}`
        : now.status === "done"
          ? `Batch done: ${counts}`
          : now.status === "cancelled"
            ? `Batch cancelled: ${counts}`
            : `Batch interrupted: ${counts}`;
    return { message, announced };
  }
  if (now.status !== "running" || now.finished === last.finished) return { message: null, announced: last };
  const moved = now.total === 0 ? 1 : (now.finished - last.finished) / now.total;
  if (moved < BATCH_ANNOUNCE_STEP || at - last.at < BATCH_ANNOUNCE_INTERVAL_MS) return { message: null, announced: last };
  return { message: `Batch progress: ${counts}`, announced };
}
