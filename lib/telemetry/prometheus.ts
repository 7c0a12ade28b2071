/**
 * The studio's metrics in Prometheus' text format (GET /metrics, app/metrics/route.ts), made with
 * prom-client and fed by the metrics sink (metrics-sink.ts). One registry per process, on
 * globalThis (Next.js may load this module once per route bundle):
 *
 * - introsvg_upstream_requests_in_flight / _queued {upstream, priority}: steps holding a slot of
 *   the upstream limit, and waiting for one, per server (the profile setup's name) and lane;
 * - introsvg_step_duration_seconds {role, priority, outcome}: each step from its admission to
 *   the upstream to its end; introsvg_step_ttft_seconds {role, priority}: to its first token;
 * - introsvg_batch_items_total {outcome}: batch job items that ended done, failed or stopped;
 * - Node's own (prom-client's default metrics): event-loop delay (nodejs_eventloop_lag_*_seconds,
 *   its percentiles over the time since the last scrape), heap, resident memory, CPU, handles.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { metricsSink, type LaneCount } from "./metrics-sink";

/** Steps take from well under a second (an instant upstream) to minutes (a big SVG on a busy GPU). */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
/** Time to first token: from a few milliseconds (loopback) to the upstream's first-token timeout. */
const TTFT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function laneGauge(registry: Registry, name: string, help: string, read: (c: LaneCount) => number): void {
  new Gauge({
    name,
    help,
    labelNames: ["upstream", "priority"],
    registers: [registry],
    collect() {
      this.reset();
      for (const c of metricsSink.lanes()) this.set({ upstream: c.upstream, priority: c.priority }, read(c));
    },
  });
}

function create(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  laneGauge(registry, "introsvg_upstream_requests_in_flight", "Steps holding a slot of the upstream limit.", (c) => c.inFlight);
  laneGauge(registry, "introsvg_upstream_requests_queued", "Steps waiting for a slot of the upstream limit.", (c) => c.queued);
  const duration = new Histogram({
    name: "introsvg_step_duration_seconds",
    help: "Step latency, from its admission to the upstream to its end.",
    labelNames: ["role", "priority", "outcome"],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const ttft = new Histogram({
    name: "introsvg_step_ttft_seconds",
    help: "Time from a step's admission to its first token.",
    labelNames: ["role", "priority"],
    buckets: TTFT_BUCKETS,
    registers: [registry],
  });
  const items = new Counter({
    name: "introsvg_batch_items_total",
    help: "Batch job items that ended, by outcome (done, failed, stopped).",
    labelNames: ["outcome"],
    registers: [registry],
  });
  metricsSink.install({
    stepEnded(step) {
      duration.observe({ role: step.role, priority: step.priority, outcome: step.outcome }, step.durationSeconds);
      if (step.ttftSeconds !== null) ttft.observe({ role: step.role, priority: step.priority }, step.ttftSeconds);
    },
    batchItemEnded(outcome) {
      items.inc({ outcome });
    },
  });
  return registry;
}

const KEY = Symbol.for("introsvg-studio.prometheus-registry");
type WithRegistry = typeof globalThis & { [KEY]?: Registry };

/** The process's registry, made (and installed as the sink's observer) on first use. */
export function studioRegistry(): Registry {
  const g = globalThis as WithRegistry;
  g[KEY] ??= create();
  return g[KEY];
}
