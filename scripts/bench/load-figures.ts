/**
 * The studio under load, on loopback only: 48 people running draft → critique → refine →
 * critique through the step routes at once, and a 40-prompt batch job (concurrency 16) in the
 * same studio, all against the paced fixture upstream. Meanwhile the history list
 * (`GET /api/sessions`) is asked for every 100 ms. Bounded: a fixed number of requests, and a
 * deadline after which whatever is still running counts as failed.
 *
 * Read: failures (a step that did not end with its stepEnd, a batch item failed), the history's
 * p50/p99/max, the server's event-loop delay p99 and max over the load (GET /metrics, whose
 * percentiles cover the time since the previous scrape), and the server's peak resident memory
 * (VmHWM of its process).
 */
import fs from "node:fs";
import { rasterizeSvgNode } from "../../lib/raster/node";
import { extractSvg } from "../../lib/svg/extract-svg";
import { percentile } from "./stats";

export interface LoadFigures {
  loops: number;
  batchItems: number;
  batchConcurrency: number;
  wallMs: number;
  stepFailures: number;
  batchFailed: number;
  batchDone: number;
  historyRequests: number;
  historyP50Ms: number;
  historyP99Ms: number;
  historyMaxMs: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  peakRssMb: number | null;
  stepLatencyP50Ms: number;
  stepLatencyP99Ms: number;
}

const DEADLINE_MS = 180_000;

/** One step through its route: the model's text, or null when it did not end well. */
async function step(url: string, role: "generate" | "critique" | "refine", body: object): Promise<string | null> {
  const response = await fetch(`${url}/api/${role}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(DEADLINE_MS),
  });
  if (!response.ok || !response.body) return null;
  let text = "";
  let ended = false;
  let buffer = "";
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let at;
    while ((at = buffer.indexOf("\n\n")) >= 0) {
      const event = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      const data = event.startsWith("data: ") ? event.slice(6) : "";
      if (!data || data === "[DONE]") continue;
      const part = JSON.parse(data) as { type: string; delta?: string };
      if (part.type === "text-delta") text += part.delta ?? "";
      if (part.type === "data-stepEnd") ended = true;
    }
  }
  return ended ? text : null;
}

function critiqueFields(text: string): { critique: string; suggestions: string } {
  try {
    const data = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as { critique?: string; suggestions?: string };
    return { critique: data.critique ?? "", suggestions: data.suggestions ?? "" };
  } catch {
    return { critique: "", suggestions: "" };
  }
}

/** draft → critique → refine → critique, as a person in the studio runs it; the latency of each step. */
async function loop(url: string, prompt: string, latencies: number[]): Promise<boolean> {
  const timed = async (role: "generate" | "critique" | "refine", body: object) => {
    const started = performance.now();
    const text = await step(url, role, body);
    latencies.push(performance.now() - started);
    return text;
  };
  const draft = await timed("generate", { prompt });
  const svg = draft === null ? null : extractSvg(draft, "stop");
  if (!svg || svg.status !== "ok") return false;
  const critique = await timed("critique", { prompt, png: await rasterizeSvgNode(svg.svg) });
  if (critique === null) return false;
  const refined = await timed("refine", { prompt, svg: svg.svg, ...critiqueFields(critique) });
  const svg2 = refined === null ? null : extractSvg(refined, "stop");
  if (!svg2 || svg2.status !== "ok") return false;
  return (await timed("critique", { prompt, png: await rasterizeSvgNode(svg2.svg), final: true })) !== null;
}

async function eventLoopFromMetrics(url: string): Promise<{ p99Ms: number; maxMs: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) => Number(/^(\S+) (\S+)$/m.exec(text.split("\n").find((l) => l.startsWith(`${name} `)) ?? "")?.[2] ?? NaN) * 1000;
  return { p99Ms: read("nodejs_eventloop_lag_p99_seconds"), maxMs: read("nodejs_eventloop_lag_max_seconds") };
}

function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

export async function loadFigures(
  studio: { url: string; pid?: number },
  options: { loops?: number; batchItems?: number; batchConcurrency?: number; prompts: string[] },
): Promise<LoadFigures> {
  const loops = options.loops ?? 48;
  const batchItems = options.batchItems ?? 40;
  const batchConcurrency = options.batchConcurrency ?? 16;
  const { url } = studio;
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error("The load test only targets 127.0.0.1.");
  // Warm, as a studio that has been up a while: one loop alone, the history and the jobs list
  // (Next.js loads each route's code at its first request).
  await loop(url, options.prompts[0], []);
  for (const where of ["/api/sessions", "/api/batch/jobs", "/api/batch/jobs/not-a-job"]) await (await fetch(`${url}${where}`)).arrayBuffer();
  await eventLoopFromMetrics(url); // resets the percentiles: the next scrape covers the load alone

  const started = performance.now();
  const csv = ["id,desc", ...options.prompts.slice(0, batchItems).map((p, i) => `load-${i + 1},"${p.replace(/"/g, '""')}"`)].join("\n");
  const job = await fetch(`${url}/api/batch/jobs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "load.csv", csv, settings: { mode: "reference", maxRefinements: 3, threshold: 9.5 }, concurrency: batchConcurrency }),
  });
  if (!job.ok) throw new Error(`the batch job was refused: ${job.status} ${await job.text()}`);
  const { id: jobId } = (await job.json()) as { id: string };

  const latencies: number[] = [];
  const loopRuns = Array.from({ length: loops }, (_, i) => loop(url, options.prompts[(i + batchItems) % options.prompts.length], latencies).catch(() => false));

  let loadOn = true;
  const history: number[] = [];
  const poller = (async () => {
    while (loadOn && performance.now() - started < DEADLINE_MS) {
      const t = performance.now();
      const r = await fetch(`${url}/api/sessions`);
      await r.arrayBuffer();
      history.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();

  const jobEnd = (async () => {
    for (;;) {
      const r = (await (await fetch(`${url}/api/batch/jobs/${jobId}`)).json()) as {
        status: string;
        summary: { done: number; failed: number; finished: number };
      };
      if (r.status !== "running" || performance.now() - started > DEADLINE_MS) return r;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  const loopResults = await Promise.all(loopRuns);
  const jobState = await jobEnd;
  loadOn = false;
  await poller;
  const wallMs = performance.now() - started;
  const eventLoop = await eventLoopFromMetrics(url);
  return {
    loops,
    batchItems,
    batchConcurrency,
    wallMs: Math.round(wallMs),
    stepFailures: loopResults.filter((ok) => !ok).length,
    // Items not done by the end (failed, or cut off by the deadline).
    batchFailed: batchItems - jobState.summary.done,
    batchDone: jobState.summary.done,
    historyRequests: history.length,
    historyP50Ms: percentile(history, 50),
    historyP99Ms: percentile(history, 99),
    historyMaxMs: Math.max(...history),
    eventLoopP99Ms: eventLoop.p99Ms,
    eventLoopMaxMs: eventLoop.maxMs,
    peakRssMb: peakRssMb(studio.pid),
    stepLatencyP50Ms: percentile(latencies, 50),
    stepLatencyP99Ms: percentile(latencies, 99),
  };
}
