/**
 * The batch runner over real HTTP (the paced fixture upstream on loopback) into an output
 * folder: the reference layout and item records, resume without asking again for a step done,
 * retries of transient faults, failures recorded on their item, and a round-robin proxy over two
 * upstreams with one failing mid-run.
 */
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startPacedUpstream, type Fault, type PacedUpstream } from "../../test/support/paced-upstream";
import { startRoundRobinProxy } from "../../test/support/round-robin-proxy";
import { DEFAULT_SETTINGS, type LoopSettings } from "../loop/loop-types";
import { readInferenceConfig } from "../steps/config";
import { createNodeModelPort } from "../steps/node-model-port";
import { clearModelCache } from "../steps/upstream-models";
import { runBatch } from "./batch-runner";
import { nodeRasterize } from "./node-rasterize";
import { openOutputFolder } from "./output-folder";
import type { PromptRow } from "../contract/prompts-csv";
import { withRetries } from "./retrying-model-port";

const dirs: string[] = [];
const upstreams: Array<{ close: () => Promise<void> }> = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "batch-runner-"));
  dirs.push(dir);
  return dir;
}

async function upstream(options: Parameters<typeof startPacedUpstream>[0] = {}): Promise<PacedUpstream> {
  const u = await startPacedUpstream({ ttftMs: 5, chunkMs: 2, ...options });
  upstreams.push(u);
  return u;
}

beforeEach(() => clearModelCache());
afterEach(async () => {
  await Promise.all(upstreams.splice(0).map((u) => u.close()));
});
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Items whose paper loops take 1, 2 or 3 rounds on the paced upstream (start:N). */
function items(count: number, extra = ""): PromptRow[] {
  return Array.from({ length: count }, (_, i) => ({ id: `item-${i + 1}`, desc: `icon number ${i + 1} start:${(i % 3) + 1}${extra}` }));
}
const stepsOf = (row: PromptRow) => 2 * (4 - Number(/start:(\d)/.exec(row.desc)![1]));

function model(base: string, attempts = 5) {
  const config = { ...readInferenceConfig({ INFERENCE_BASE_URL: base, INFERENCE_TIMEOUT_MS: "5000" }), priority: "batch" as const };
  return withRetries(createNodeModelPort(config), { attempts, baseDelayMs: 5, maxDelayMs: 20 });
}

async function run(
  dir: string,
  rows: PromptRow[],
  base: string,
  extra: Partial<Parameters<typeof runBatch>[0]> = {},
  settings: LoopSettings = DEFAULT_SETTINGS,
) {
  const folder = await openOutputFolder(dir, { settings, csv: "test.csv" });
  return runBatch({ items: rows, settings, concurrency: 4, model: model(base), rasterize: nodeRasterize, store: folder.store, ...extra });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

describe("runBatch into an output folder", () => {
  it("runs every item through the loop, in the reference layout, with a record per item", async () => {
    const u = await upstream();
    const dir = await tempDir();
    const rows = items(6);
    const result = await run(dir, rows, u.baseURL);
    expect(result.interrupted).toBe(false);
    expect(result.outcomes.map((o) => o.status)).toEqual(Array(6).fill("done"));
    // Each step asked exactly once: 2 requests per round.
    expect(u.requests().filter((r) => r.outcome === "completed")).toHaveLength(rows.reduce((n, r) => n + stepsOf(r), 0));

    const one = rows[0]; // three rounds: 6.0, 8.0, 9.7
    const record = JSON.parse(await readFile(path.join(dir, "items", `${one.id}.json`), "utf8"));
    expect(record).toMatchObject({ id: one.id, desc: one.desc, status: "done", outcome: { bestRoundIndex: 3, bestScore: 9.7, draftScore: 6, rounds: 3 } });
    expect(record.rounds[0]).toMatchObject({ kind: "draft", phase: "done", generation: { finishReason: "stop", model: "paced-fixture-introsvg" } });
    expect(record.rounds[0].generation.ttftMs).toBeGreaterThan(0);
    expect(record.rounds[0].generation.usage.outputTokens).toBeGreaterThan(0);
    expect(record.rounds[0].modelText).toContain("<svg");
    for (const file of [
      "final_svgs/item-1.svg",
      "final_pngs/item-1.png",
      "intermediate_files/00_initial_drafts/item-1.svg",
      "intermediate_files/01_iteration/critique_pngs/item-1.png",
      "intermediate_files/01_iteration/refined_svgs/item-1.svg",
      "intermediate_files/02_iteration/critique_pngs/item-1.png",
      "intermediate_files/02_iteration/refined_svgs/item-1.svg",
    ]) {
      expect(await exists(path.join(dir, file)), file).toBe(true);
    }
    expect(await exists(path.join(dir, "intermediate_files/03_iteration"))).toBe(false);
    expect(JSON.parse(await readFile(path.join(dir, "final_svgs/item-1.json"), "utf8"))).toMatchObject({ score: 9.7, round: 3 });
    // No temporary files left behind.
    const all = await readdir(dir, { recursive: true });
    expect(all.filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a re-run skips finished items, and one stopped mid-run continues without asking again for a step done", async () => {
    const u = await upstream({ ttftMs: 10, chunkMs: 3 });
    const dir = await tempDir();
    const rows = items(9);
    const controller = new AbortController();
    const finishedFirst: string[] = [];
    const first = run(dir, rows, u.baseURL, {
      signal: controller.signal,
      onItemEnd: (o) => {
        if (o.status === "done") finishedFirst.push(o.id);
      },
    });
    // Stop once a few steps have completed, with a request in flight.
    await expect
      .poll(() => u.requests().filter((r) => r.outcome === "completed").length >= 8 && u.requests().some((r) => r.outcome === "pending"), {
        interval: 2,
        timeout: 20_000,
      })
      .toBe(true);
    controller.abort();
    const stopped = await first;
    expect(stopped.interrupted).toBe(true);
    expect(stopped.outcomes.some((o) => o.status === "stopped")).toBe(true);
    // The upstream saw the requests in flight closed.
    await expect.poll(() => u.requests().some((r) => r.outcome === "closed-early"), { timeout: 10_000 }).toBe(true);
    const completedBefore = u.requests().filter((r) => r.outcome === "completed").length;

    const second = await run(dir, rows, u.baseURL);
    expect(second.interrupted).toBe(false);
    expect(second.outcomes.map((o) => o.status)).toEqual(Array(9).fill("done"));
    // Items finished in the first run were not asked about again.
    for (const id of finishedFirst) {
      const desc = rows.find((r) => r.id === id)!.desc;
      expect(u.requests().filter((r) => r.text.includes(desc) && r.index >= completedBefore).length).toBe(0);
    }
    // Every step completed once, but for a step whose answer arrived just as the stop did.
    const needed = rows.reduce((n, r) => n + stepsOf(r), 0);
    const completed = u.requests().filter((r) => r.outcome === "completed").length;
    expect(completed).toBeGreaterThanOrEqual(needed);
    expect(completed).toBeLessThanOrEqual(needed + 4);
    // A third run has nothing to do.
    const before = u.requests().length;
    const third = await run(dir, rows, u.baseURL);
    expect(third.outcomes.every((o) => o.status === "done")).toBe(true);
    expect(u.requests().length).toBe(before);
  });

  it("retries transient faults (429, 503, proxy 10400 and 10402, reset) until every item completes", async () => {
    const faults: Fault[] = ["http-429", "http-503", "proxy-10400", "proxy-10402", "reset"];
    // The first attempt at every step fails, with each kind in turn; the second passes.
    const seen = new Set<string>();
    let failures = 0;
    const u = await upstream({
      fault: ({ key }) => {
        if (seen.has(key)) return null;
        seen.add(key);
        return faults[failures++ % faults.length];
      },
    });
    const dir = await tempDir();
    const rows = items(6);
    const result = await run(dir, rows, u.baseURL);
    expect(result.outcomes.map((o) => o.status)).toEqual(Array(6).fill("done"));
    for (const fault of faults)
      expect(
        u.requests().some((r) => r.outcome === fault),
        fault,
      ).toBe(true);
    expect(u.requests().filter((r) => r.outcome === "completed")).toHaveLength(rows.reduce((n, r) => n + stepsOf(r), 0));
  });

  it("records a failure that is not transient on its item and goes on; a re-run leaves it unless asked", async () => {
    const u = await upstream();
    const dir = await tempDir();
    const rows: PromptRow[] = [
      { id: "ok", desc: "a fine icon start:3" },
      { id: "bad-request", desc: "a kite fault:http-400" },
      { id: "cut", desc: "a star fault:length" },
      { id: "mumble", desc: "a moon start:3 fault:critic-unparsable" },
    ];
    const result = await run(dir, rows, u.baseURL);
    const byId = Object.fromEntries(result.outcomes.map((o) => [o.id, o]));
    expect(byId.ok.status).toBe("done");
    expect(byId["bad-request"]).toMatchObject({ status: "failed", error: { code: "upstream:http", transient: false } });
    expect(byId["bad-request"].error?.message).toMatch(/400/);
    expect(byId.cut).toMatchObject({ status: "failed", error: { code: "truncated" } });
    expect(byId.mumble).toMatchObject({ status: "failed", rendered: true, error: { code: "unparsable_critique" } });
    // A 400 is not retried.
    expect(u.count("fault:http-400")).toBe(1);

    const before = u.requests().length;
    await run(dir, rows, u.baseURL);
    expect(u.requests().length).toBe(before);
    const retried = await run(dir, rows, u.baseURL, { retryFailed: true });
    expect(u.requests().length).toBe(before + 3);
    expect(retried.outcomes.filter((o) => o.status === "failed")).toHaveLength(3);
  });

  it("a failure whose retries ran out is tried again by the next run", async () => {
    let failing = true;
    const u = await upstream({ fault: () => (failing ? "http-503" : null) });
    const dir = await tempDir();
    const rows = items(2);
    const first = await run(dir, rows, u.baseURL);
    expect(first.outcomes.map((o) => o.error?.transient)).toEqual([true, true]);
    failing = false;
    const second = await run(dir, rows, u.baseURL);
    expect(second.outcomes.map((o) => o.status)).toEqual(["done", "done"]);
  });

  it("a batch against two upstreams behind a round-robin proxy completes every item when one dies mid-run", async () => {
    const a = await upstream({ ttftMs: 10, chunkMs: 3 });
    const b = await upstream({ ttftMs: 10, chunkMs: 3 });
    const proxy = await startRoundRobinProxy([a.origin, b.origin]);
    upstreams.push(proxy);
    const dir = await tempDir();
    const rows = items(12);
    const running = run(dir, rows, proxy.baseURL, { concurrency: 6 });
    await expect.poll(() => b.requests().filter((r) => r.outcome === "completed").length, { interval: 5, timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    await b.close(); // mid-stream requests cut, later connections refused
    const result = await running;
    expect(result.outcomes.map((o) => o.status)).toEqual(Array(12).fill("done"));
    expect(proxy.down()).toEqual([b.origin]);
    expect(a.requests().filter((r) => r.outcome === "completed").length).toBeGreaterThan(0);
    expect(a.requests().filter((r) => r.outcome === "completed").length + b.requests().filter((r) => r.outcome === "completed").length).toBeGreaterThanOrEqual(
      rows.reduce((n, r) => n + stepsOf(r), 0),
    );
  });

  it("refuses to continue a folder with other settings", async () => {
    const dir = await tempDir();
    await openOutputFolder(dir, { settings: DEFAULT_SETTINGS, csv: "a.csv" });
    await expect(openOutputFolder(dir, { settings: { ...DEFAULT_SETTINGS, mode: "reference" }, csv: "a.csv" })).rejects.toThrow(
      /holds a run with --mode paper/,
    );
  });
});
