/**
 * Where the code that does the work reports what it did, at no cost when nobody watches: the
 * steps (lanes of the upstream limit, step latency, time to first token) and the batch jobs
 * (items ended). The studio server installs its Prometheus registry here at start
 * (prometheus.ts, served at GET /metrics); a command-line tool installs nothing, so the
 * observations go nowhere and prom-client is never loaded (it cost ~0.3 s of a CLI's start).
 *
 * Requests in flight and queued are counted here always (two additions per step), so a
 * registry installed late still reads true counts. One state per process, on globalThis: Next.js
 * may load this module once per route bundle.
 */
export interface Lane {
  /** The server's name in the profile setup ("default" for the studio's own upstream). */
  upstream: string;
  /** The limiter's lane: "interactive" or "batch". */
  priority: string;
}

export interface LaneCount extends Lane {
  inFlight: number;
  queued: number;
}

export interface StepObservation {
  role: string;
  priority: string;
  outcome: "ok" | "error" | "stopped";
  durationSeconds: number;
  /** Unset when no token came. */
  ttftSeconds: number | null;
}

export interface MetricsObservers {
  stepEnded(step: StepObservation): void;
  batchItemEnded(outcome: string): void;
}

interface SinkState {
  lanes: Map<string, LaneCount>;
  observers: MetricsObservers | null;
}

const KEY = Symbol.for("introsvg-studio.metrics-sink");
type WithSink = typeof globalThis & { [KEY]?: SinkState };

function state(): SinkState {
  const g = globalThis as WithSink;
  g[KEY] ??= { lanes: new Map(), observers: null };
  return g[KEY];
}

function lane(l: Lane): LaneCount {
  const lanes = state().lanes;
  const key = `${l.upstream}\u0000${l.priority}`;
  let count = lanes.get(key);
  if (!count) lanes.set(key, (count = { upstream: l.upstream, priority: l.priority, inFlight: 0, queued: 0 }));
  return count;
}

export const metricsSink = {
  queued(l: Lane, delta: 1 | -1): void {
    lane(l).queued += delta;
  },
  inFlight(l: Lane, delta: 1 | -1): void {
    lane(l).inFlight += delta;
  },
  lanes(): LaneCount[] {
    return [...state().lanes.values()].map((c) => ({ ...c }));
  },
  stepEnded(step: StepObservation): void {
    state().observers?.stepEnded(step);
  },
  batchItemEnded(outcome: string): void {
    state().observers?.batchItemEnded(outcome);
  },
  /** The server's registry takes the observations from now on. */
  install(observers: MetricsObservers): void {
    state().observers = observers;
  },
};
