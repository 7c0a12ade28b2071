/**
 * Server-side batch jobs through their route handlers: on a throwaway database, against the
 * paced fixture upstream over loopback HTTP. Items become sessions with all their rounds; a job
 * is cancelled and resumed without asking again for a step done; a job cut off by a restart
 * reads as interrupted; the results ZIP has the reference layout; the icon set ZIP holds the
 * items chosen.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACED_MODEL, startPacedUpstream, type PacedUpstream } from "../../test/support/paced-upstream";
import { jobSettled } from "../batch/batch-jobs";
import type { BatchJobDetail, BatchJobSummary } from "../contract/batch-contract";
import { getDatabase } from "../db/database";
import { setBatchJobStatus, updateBatchItem } from "../db/batch-store";
import { getSession } from "../db/session-store";
import { clearModelCache } from "../steps/upstream-models";
import { handleRoute } from "../http/json-request";
import { guarded } from "./access-route";
import {
  batchIconSetRoute,
  batchResultsRoute,
  batchTrainingDataRoute,
  cancelBatchJobRoute,
  createBatchJobRoute,
  getBatchJobRoute,
  listBatchJobsRoute,
  resumeBatchJobRoute,
} from "./batch-routes";

let dir: string;
let upstream: PacedUpstream;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "batch-routes-"));
  upstream = await startPacedUpstream({ ttftMs: 10, chunkMs: 3 });
  process.env.DATABASE_URL = `file:${path.join(dir, "studio.db")}`;
  process.env.INFERENCE_BASE_URL = upstream.baseURL;
  clearModelCache();
});
afterAll(async () => {
  process.env = saved;
  await upstream.close();
  await rm(dir, { recursive: true, force: true });
});

const json = (body: unknown, type = "application/json") =>
  new Request("http://studio/api/batch/jobs", { method: "POST", headers: { "content-type": type }, body: JSON.stringify(body) });

const SETTINGS = { mode: "paper", maxRefinements: 3, threshold: 9.5 } as const;

function csvOf(count: number, tag: string): string {
  return "id,desc\n" + Array.from({ length: count }, (_, i) => `${tag}-${i + 1},"${tag} icon ${i + 1}, round start:${(i % 3) + 1}"`).join("\n") + "\n";
}

async function create(csv: string, name = "prompts.csv", concurrency = 4): Promise<string> {
  const response = await createBatchJobRoute(json({ name, csv, settings: SETTINGS, concurrency }));
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function detail(id: string, query = ""): Promise<BatchJobDetail> {
  return (await getBatchJobRoute(new Request(`http://studio/api/batch/jobs/${id}${query}`), id)).json();
}

describe("batch jobs through the routes", () => {
  it("runs a job on the server: every item a session with its rounds, figures, mean score by round", async () => {
    const id = await create(csvOf(6, "run"));
    await jobSettled(id);
    const job = await detail(id);
    expect(job).toMatchObject({ status: "done", total: 6, finished: 6, failed: 0, summary: { done: 6, renderSuccessRate: 1, thresholdShare: 1 } });
    expect(job.summary.meanRounds).toBeCloseTo(2);
    expect(job.roundMeans).toEqual([
      { round: 1, meanScore: expect.closeTo((6 + 8 + 9.7) / 3, 5), count: 6 },
      { round: 2, meanScore: expect.closeTo((8 + 9.7) / 2, 5), count: 4 },
      { round: 3, meanScore: 9.7, count: 2 },
    ]);
    expect(job.items.map((i) => i.id)).toEqual(["run-1", "run-2", "run-3", "run-4", "run-5", "run-6"]);
    const first = job.items[0];
    expect(first).toMatchObject({ status: "done", bestScore: 9.7, bestRoundIndex: 3, rounds: 3 });
    expect(first.thumbnailSvg).toMatch(/^<svg/);
    const session = await getSession(await getDatabase(), first.sessionId!);
    expect(session).toMatchObject({ status: "done", bestRoundIndex: 3, prompt: "run icon 1, round start:1" });
    expect(session!.rounds.map((r) => r.kind)).toEqual(["draft", "refine", "refine"]);

    const byScore = await detail(id, "?sort=score&limit=2");
    expect(byScore.items.map((i) => i.bestScore)).toEqual([9.7, 9.7]);
    expect(byScore.matching).toBe(6);
    expect((await detail(id, "?filter=failed")).matching).toBe(0);

    const list = (await (await listBatchJobsRoute()).json()) as { jobs: BatchJobSummary[] };
    expect(list.jobs.map((j) => j.id)).toContain(id);
  });

  it("refuses a bad CSV with its line, and a POST that is not JSON", async () => {
    const response = await handleRoute(() =>
      createBatchJobRoute(json({ name: "bad.csv", csv: "id,desc\na,a kite\na,a star\n", settings: SETTINGS, concurrency: 2 })),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe("bad.csv: line 3: id 'a' repeats line 2");
    // JSON only, by the access rules every route runs first (one rule, one answer: 415).
    const create = guarded((request: Request) => handleRoute(() => createBatchJobRoute(request)));
    const form = await create(
      new Request("http://127.0.0.1:3000/api/batch/jobs", {
        method: "POST",
        headers: { host: "127.0.0.1:3000", "content-type": "text/plain" },
        body: JSON.stringify({ name: "x.csv", csv: csvOf(1, "f"), settings: SETTINGS, concurrency: 1 }),
      }),
      undefined,
    );
    expect(form.status).toBe(415);
    const cancel = guarded((request: Request) => handleRoute(() => cancelBatchJobRoute(request, crypto.randomUUID())));
    expect(
      (
        await cancel(
          new Request("http://127.0.0.1:3000/api/batch/jobs/x/cancel", { method: "POST", headers: { host: "127.0.0.1:3000" }, body: "{}" }),
          undefined,
        )
      ).status,
    ).toBe(415);
  });

  it("refuses a job with an unknown profile before anything starts: a 400 naming it and the profiles there are", async () => {
    const before = ((await (await listBatchJobsRoute()).json()) as { jobs: BatchJobSummary[] }).jobs.length;
    const requests = upstream.requests().length;
    const response = await handleRoute(() =>
      createBatchJobRoute(json({ name: "p.csv", csv: csvOf(2, "unknown"), settings: { ...SETTINGS, profile: "gpt-9" }, concurrency: 2 })),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: "bad_request", message: 'No profile "gpt-9"; the studio has "intro-svg", "internsvg-8b", "chat".' },
    });
    expect(((await (await listBatchJobsRoute()).json()) as { jobs: BatchJobSummary[] }).jobs).toHaveLength(before);
    expect(upstream.requests().length).toBe(requests);
  });

  it("a job whose profile's generator has its own server sends its drafts there and records that server and model", async () => {
    const intern = await startPacedUpstream({ ttftMs: 5, chunkMs: 2 });
    process.env.INTERNSVG_BASE_URL = intern.baseURL;
    // The fixture serves one model id (lmdeploy's --model-name); InternSVG's default name is "InternSVG".
    process.env.INTERNSVG_MODEL = PACED_MODEL;
    try {
      const tag = "intern";
      const csv = `id,desc\n${tag}-1,"${tag} icon 1, round start:3"\n${tag}-2,"${tag} icon 2, round start:3"\n`;
      // The client's singlePass is not trusted: this profile has a critic (IntroSVG on the default server).
      const response = await createBatchJobRoute(
        json({ name: "intern.csv", csv, settings: { ...SETTINGS, profile: "internsvg-8b", singlePass: true }, concurrency: 2 }),
      );
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as { id: string };
      await jobSettled(id);
      const job = await detail(id);
      const generator = { model: PACED_MODEL, server: intern.origin };
      const critic = { model: expect.any(String), server: upstream.origin };
      expect(job).toMatchObject({ status: "done", finished: 2, failed: 0, engine: "remote", model: PACED_MODEL, run: { generator, critic } });
      expect(job.settings).toEqual({ ...SETTINGS, profile: "internsvg-8b" });
      // Drafts went to InternSVG's server, critiques to the default one.
      expect(intern.count(`${tag} icon`, { role: "generator" })).toBe(2);
      expect(intern.count(`${tag} icon`, { role: "critic" })).toBe(0);
      expect(upstream.count(`${tag} icon`, { role: "critic" })).toBe(2);
      // Every item's session records the same, and so do the ZIP's report and item records.
      const session = await getSession(await getDatabase(), job.items[0].sessionId!);
      expect(session).toMatchObject({ engine: "remote", model: PACED_MODEL, run: { generator, critic } });
      expect(session!.rounds[0].generation?.model).toBe(PACED_MODEL);
      const files = unzipSync(new Uint8Array(await (await batchResultsRoute(id)).arrayBuffer()));
      const report = JSON.parse(new TextDecoder().decode(files["report.json"]));
      expect(report).toMatchObject({ engine: "remote", model: PACED_MODEL, run: { generator, critic }, interrupted: false });
      expect(JSON.parse(new TextDecoder().decode(files[`items/${tag}-1.json`]))).toMatchObject({ run: { generator, critic } });
    } finally {
      delete process.env.INTERNSVG_BASE_URL;
      delete process.env.INTERNSVG_MODEL;
      await intern.close();
    }
  });

  it("cancels a running job and resumes it without asking again for a step done", async () => {
    const tag = "cancel";
    const id = await create(csvOf(9, tag), "cancel.csv", 3);
    await expect.poll(() => upstream.count(`${tag} icon`, { outcome: "completed" }), { interval: 5, timeout: 20_000 }).toBeGreaterThanOrEqual(6);
    const cancelled = await cancelBatchJobRoute(
      new Request("http://studio/x", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      id,
    );
    expect(((await cancelled.json()) as BatchJobSummary).status).toBe("cancelled");
    const after = await detail(id);
    expect(after.finished).toBeLessThan(9);
    expect(after.items.some((i) => i.status === "stopped" || i.status === "pending")).toBe(true);
    const done = after.items.filter((i) => i.status === "done").map((i) => i.id);
    const before = upstream.requests().length;

    const resumed = await resumeBatchJobRoute(
      new Request("http://studio/x", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      id,
    );
    expect(((await resumed.json()) as BatchJobSummary).status).toBe("running");
    await jobSettled(id);
    const final = await detail(id);
    expect(final).toMatchObject({ status: "done", finished: 9 });
    for (const itemId of done) {
      const n = Number(itemId.split("-")[1]);
      expect(
        upstream
          .requests()
          .slice(before)
          .filter((r) => r.text.includes(`${tag} icon ${n}, `)),
      ).toEqual([]);
    }
    const needed = [1, 2, 3].reduce((sum, start) => sum + 3 * 2 * (4 - start), 0);
    const completed = upstream.count(`${tag} icon`, { outcome: "completed" });
    expect(completed).toBeGreaterThanOrEqual(needed);
    expect(completed).toBeLessThanOrEqual(needed + 3);
  });

  it("retries failed items only when asked: a plain resume leaves a permanent failure alone", async () => {
    const tag = "retry";
    const csv = `id,desc\n${tag}-1,"${tag} icon 1, round start:3"\n${tag}-2,"${tag} icon 2 fault:http-400"\n`;
    const id = await create(csv, "retry.csv", 2);
    await jobSettled(id);
    expect(await detail(id)).toMatchObject({ status: "done", finished: 2, failed: 1 });
    const post = (body: unknown) =>
      new Request("http://studio/x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const asked = () => upstream.count(`${tag} icon 2`);
    const before = asked();

    await resumeBatchJobRoute(post({}), id);
    await jobSettled(id);
    expect(asked()).toBe(before);

    const retried = await resumeBatchJobRoute(post({ retryFailed: true }), id);
    expect(((await retried.json()) as BatchJobSummary).status).toBe("running");
    await jobSettled(id);
    expect(asked()).toBeGreaterThan(before);
    // The fixture fails that prompt for good: it is failed again, and the done item was not asked again.
    expect(await detail(id)).toMatchObject({ status: "done", finished: 2, failed: 1 });
    expect(upstream.count(`${tag} icon 1`)).toBe(2);

    expect((await handleRoute(() => resumeBatchJobRoute(post({ retryFailed: "yes" }), id))).status).toBe(400);
  });

  it("a job stored as running that no run of this process has reads as interrupted, and resumes", async () => {
    const id = await create(csvOf(2, "restart"));
    await jobSettled(id);
    const db = await getDatabase();
    await setBatchJobStatus(db, id, "running"); // as a killed server leaves it…
    await updateBatchItem(db, id, "restart-2", { status: "running" });
    const interrupted = await detail(id);
    expect(interrupted.status).toBe("interrupted");
    expect(interrupted.items.find((i) => i.id === "restart-2")?.status).toBe("stopped");
    await resumeBatchJobRoute(new Request("http://studio/x", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }), id);
    await jobSettled(id);
    expect((await detail(id)).status).toBe("done");
  });

  it("downloads the results as a ZIP in the reference layout", async () => {
    const id = await create(csvOf(3, "zip"));
    await jobSettled(id);
    const response = await batchResultsRoute(id);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="prompts-results.zip"');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const names = Object.keys(files).sort();
    expect(names).toEqual([
      "final_pngs/zip-1.png",
      "final_pngs/zip-2.png",
      "final_pngs/zip-3.png",
      "final_svgs/zip-1.json",
      "final_svgs/zip-1.svg",
      "final_svgs/zip-2.json",
      "final_svgs/zip-2.svg",
      "final_svgs/zip-3.json",
      "final_svgs/zip-3.svg",
      "intermediate_files/00_initial_drafts/zip-1.svg",
      "intermediate_files/00_initial_drafts/zip-2.svg",
      "intermediate_files/00_initial_drafts/zip-3.svg",
      "intermediate_files/01_iteration/critique_pngs/zip-1.png",
      "intermediate_files/01_iteration/critique_pngs/zip-2.png",
      "intermediate_files/01_iteration/refined_svgs/zip-1.svg",
      "intermediate_files/01_iteration/refined_svgs/zip-2.svg",
      "intermediate_files/02_iteration/critique_pngs/zip-1.png",
      "intermediate_files/02_iteration/refined_svgs/zip-1.svg",
      "items/zip-1.json",
      "items/zip-2.json",
      "items/zip-3.json",
      "report.json",
    ]);
    expect(JSON.parse(new TextDecoder().decode(files["final_svgs/zip-1.json"]))).toMatchObject({ score: 9.7, round: 3 });
    expect(JSON.parse(new TextDecoder().decode(files["report.json"]))).toMatchObject({ summary: { items: 3, done: 3 } });
    expect(Buffer.from(files["final_pngs/zip-2.png"]).subarray(1, 4).toString()).toBe("PNG");
  });

  it("downloads IntroSVG training data from a job's rounds as a ZIP LLaMA-Factory reads", async () => {
    const id = await create(csvOf(3, "train"), "icons.csv");
    await jobSettled(id);
    const response = await batchTrainingDataRoute(id, new Request(`http://studio/api/batch/jobs/${id}/training-data`));
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="icons-training-data.zip"');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const text = (name: string) => JSON.parse(new TextDecoder().decode(files[name]));
    // start:1 → 6.0, 8.0, 9.7; start:2 → 8.0, 9.7; start:3 → 9.7 (the paced upstream's critic)
    expect(text("training_summary.json").counts).toEqual({ "train_direct.json": 3, "refine.json": 3, "critic.json": 6, "dpo.json": 1 });
    for (const record of text("critic.json") as Array<{ images: string[] }>) expect(files[record.images[0]]).toBeDefined();
    expect(Object.keys(text("dataset_info.json"))).toEqual(["introsvg_train_direct", "introsvg_refine", "introsvg_critic", "introsvg_dpo"]);
    const strict = await batchTrainingDataRoute(id, new Request(`http://studio/api/batch/jobs/${id}/training-data?minScore=9.8&dpoMargin=3`));
    const strictFiles = unzipSync(new Uint8Array(await strict.arrayBuffer()));
    expect(JSON.parse(new TextDecoder().decode(strictFiles["training_summary.json"])).counts).toEqual({
      "train_direct.json": 0,
      "refine.json": 3,
      "critic.json": 6,
      "dpo.json": 1,
    });
    await expect(handleRoute(() => batchTrainingDataRoute(id, new Request(`http://studio/x?minScore=11`)))).resolves.toHaveProperty("status", 400);
  });

  it("downloads the icon set of the items chosen as a ZIP: an SVG and component each, the sprite, index.ts, the contact sheet", async () => {
    const id = await create(csvOf(3, "set"), "icons.csv");
    await jobSettled(id);
    const post = (body: unknown) =>
      handleRoute(() =>
        batchIconSetRoute(
          new Request(`http://studio/api/batch/jobs/${id}/icon-set`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          }),
          id,
        ),
      );
    const all = await post({});
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toBe("application/zip");
    expect(all.headers.get("content-disposition")).toBe('attachment; filename="icons-icon-set.zip"');
    const files = unzipSync(new Uint8Array(await all.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      "contact-sheet.png",
      "icons.json",
      "react/Set1.tsx",
      "react/Set2.tsx",
      "react/Set3.tsx",
      "react/index.ts",
      "sprite.svg",
      "svg/set-1.svg",
      "svg/set-2.svg",
      "svg/set-3.svg",
    ]);
    const sprite = new TextDecoder().decode(files["sprite.svg"]);
    expect([...sprite.matchAll(/<symbol id="([^"]+)"/g)].map((m) => m[1])).toEqual(["set-1", "set-2", "set-3"]);
    expect(JSON.parse(new TextDecoder().decode(files["icons.json"])).icons.map((i: { score: number }) => i.score)).toEqual([9.7, 9.7, 9.7]);

    const chosen = unzipSync(new Uint8Array(await (await post({ ids: ["set-2"] })).arrayBuffer()));
    expect(Object.keys(chosen).filter((n) => n.startsWith("svg/"))).toEqual(["svg/set-2.svg"]);
    const rest = unzipSync(new Uint8Array(await (await post({ exclude: ["set-2"] })).arrayBuffer()));
    expect(
      Object.keys(rest)
        .filter((n) => n.startsWith("svg/"))
        .sort(),
    ).toEqual(["svg/set-1.svg", "svg/set-3.svg"]);

    const none = await post({ ids: [] });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { message: string } }).error.message).toBe("No items were chosen for the icon set.");
    const form = guarded((request: Request) => handleRoute(() => batchIconSetRoute(request, id)));
    expect(
      (
        await form(
          new Request(`http://127.0.0.1:3000/api/batch/jobs/${id}/icon-set`, { method: "POST", headers: { host: "127.0.0.1:3000" }, body: "{}" }),
          undefined,
        )
      ).status,
    ).toBe(415);
  });
});
