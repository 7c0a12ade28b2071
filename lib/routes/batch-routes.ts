/**
 * The batch API behind app/api/batch/**, kept out of app/ so the routes stay thin:
 *
 *   GET  /api/batch/jobs                 earlier jobs, newest first
 *   POST /api/batch/jobs                 {name, csv, settings, concurrency} → 201 {id}; a bad CSV is
 *                                        a 400 naming its line
 *   GET  /api/batch/jobs/:id             the job, its summary figures, mean score by round and one
 *                                        page of items (?sort=id|score&filter=all|failed&limit&offset)
 *   POST /api/batch/jobs/:id/cancel      stops it (steps in flight aborted, items saved)
 *   POST /api/batch/jobs/:id/resume      continues a cancelled or interrupted job; with
 *                                        {"retryFailed": true} also runs its failed items again
 *   GET  /api/batch/jobs/:id/results     the results ZIP in IntroSVG's layout
 *   POST /api/batch/jobs/:id/icon-set    {ids?, exclude?} → the icon set ZIP of those items (all when absent)
 *   GET  /api/batch/jobs/:id/training-data  IntroSVG training files (LLaMA-Factory) from its rounds,
 *                                        as a ZIP (?minScore=9&dpoMargin=2)
 *
 * POSTs must be JSON (content-type: application/json), so no form on another site can start or
 * stop a job with a simple request: the access rules every route runs first say so (415,
 * lib/http/access.ts), for these as for every other route.
 */
import { z } from "zod";
import { batchInferenceConfig, cancelBatchJob, EmptyCsvError, isJobRunning, reconcileJobs, resumeBatchJob, startBatchJob } from "../batch/batch-jobs";
import { buildBatchReport } from "../batch/batch-report";
import { summarizeBatch } from "../batch/batch-summary";
import type { BatchReport } from "../batch/output-folder";
import { PromptsCsvError } from "../contract/prompts-csv";
import { resultsZipStream, type ZipItem } from "../batch/results-zip";
import { trainingZipStream } from "../batch/training-zip";
import {
  createBatchJobSchema,
  MAX_BATCH_IMAGES,
  MAX_CSV_CHARS,
  resumeBatchJobSchema,
  type BatchJobDetail,
  type BatchJobSummary,
} from "../contract/batch-contract";
import { getDatabase, type Database } from "../db/database";
import { batchRoundMeans, getBatchJob, listBatchItems, listBatchJobs, listBatchOutcomes, listJobItemSessions, listJobPrompts } from "../db/batch-store";
import { getSession } from "../db/session-store";
import { fileSlug } from "../export/file-names";
import { iconSetFiles, iconSetZip } from "../batch/icon-set-files";
import { DEFAULT_TRAINING_OPTIONS, type TrainingItem } from "../export/training-data";
import { StudioError } from "../http/errors";
import { parseJsonRequest, validate } from "../http/json-request";
import { dataUrlChars, LIMITS } from "../http/limits";
import { UnknownProfileError } from "../profiles/resolve-run";

const jobId = z.uuid({ message: "not a batch job id" });

function parseJobId(raw: string): string {
  return validate(jobId, raw);
}

function notFound(id: string): StudioError {
  return new StudioError("not_found", `No batch job ${id}.`);
}

/** A job as stored, with "running" corrected to "interrupted" when no run of this process has it. */
async function freshJob(db: Database, id: string): Promise<BatchJobSummary> {
  const job = await getBatchJob(db, id);
  if (!job) throw notFound(id);
  if (job.status === "running" && !isJobRunning(id)) {
    await reconcileJobs(db);
    return { ...job, status: "interrupted" };
  }
  return job;
}

export async function listBatchJobsRoute(): Promise<Response> {
  const db = await getDatabase();
  await reconcileJobs(db);
  return Response.json({ jobs: await listBatchJobs(db) });
}

export async function createBatchJobRoute(request: Request): Promise<Response> {
  const body = await parseJsonRequest(request, createBatchJobSchema, MAX_CSV_CHARS * 4 + 64 * 1024 + MAX_BATCH_IMAGES * dataUrlChars(LIMITS.pngBytes));
  try {
    const id = await startBatchJob(await getDatabase(), body, batchInferenceConfig());
    return Response.json({ id }, { status: 201 });
  } catch (e) {
    if (e instanceof PromptsCsvError) throw new StudioError("bad_request", `${body.name}: ${e.message}`);
    if (e instanceof EmptyCsvError) throw new StudioError("bad_request", `${body.name}: ${e.message}`);
    if (e instanceof UnknownProfileError) throw new StudioError("bad_request", e.message);
    throw e;
  }
}

const itemQuery = z.object({
  sort: z.enum(["id", "score"]).default("id"),
  filter: z.enum(["all", "failed"]).default("all"),
  limit: z.coerce.number().int().min(1).max(500).default(60),
  offset: z.coerce.number().int().min(0).default(0),
});

export async function getBatchJobRoute(request: Request, rawId: string): Promise<Response> {
  const id = parseJobId(rawId);
  const query = validate(itemQuery, Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDatabase();
  const job = await freshJob(db, id);
  const [outcomes, roundMeans, page] = await Promise.all([listBatchOutcomes(db, id), batchRoundMeans(db, id), listBatchItems(db, id, query)]);
  const detail: BatchJobDetail = {
    ...job,
    summary: summarizeBatch(outcomes, job.settings.threshold, job.total),
    roundMeans,
    items: page.items,
    matching: page.matching,
  };
  return Response.json(detail, { headers: { "cache-control": "no-store" } });
}

export async function cancelBatchJobRoute(request: Request, rawId: string): Promise<Response> {
  const id = parseJobId(rawId);
  const db = await getDatabase();
  if (!(await cancelBatchJob(db, id))) throw notFound(id);
  return Response.json(await freshJob(db, id));
}

export async function resumeBatchJobRoute(request: Request, rawId: string): Promise<Response> {
  const id = parseJobId(rawId);
  const { retryFailed } = await parseJsonRequest(request, resumeBatchJobSchema, 1024);
  const db = await getDatabase();
  if (!(await resumeBatchJob(db, id, batchInferenceConfig(), { retryFailed }))) throw notFound(id);
  return Response.json(await freshJob(db, id));
}

export async function batchResultsRoute(rawId: string): Promise<Response> {
  const id = parseJobId(rawId);
  const db = await getDatabase();
  const job = await freshJob(db, id);
  const prompts = new Map((await listJobPrompts(db, id)).map((p) => [p.id, p.desc]));
  const rows = await listJobItemSessions(db, id);
  async function* items(): AsyncGenerator<ZipItem> {
    for (const row of rows) {
      const session = row.sessionId ? await getSession(db, row.sessionId) : null;
      yield {
        id: row.itemId,
        desc: prompts.get(row.itemId) ?? "",
        settings: session?.settings ?? job.settings,
        loop: session,
        outcome: row.outcome,
        run: session?.run ?? job.run,
      };
    }
  }
  const report = async (): Promise<BatchReport> =>
    buildBatchReport({
      csv: job.name,
      settings: job.settings,
      engine: job.engine,
      run: job.run,
      concurrency: job.concurrency,
      startedAt: new Date(job.createdAt),
      finishedAt: new Date(job.updatedAt),
      total: job.total,
      outcomes: await listBatchOutcomes(db, id),
      roundMeans: await batchRoundMeans(db, id),
    });
  const stem = fileSlug(job.name.replace(/\.csv$/i, "")) || "batch";
  return new Response(resultsZipStream(items(), report), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${stem}-results.zip"`,
      "cache-control": "no-store",
    },
  });
}

const idList = z.array(z.string().max(1000)).max(100_000);
const iconSetRequest = z.object({ ids: idList.optional(), exclude: idList.optional() });

export async function batchIconSetRoute(request: Request, rawId: string): Promise<Response> {
  const id = parseJobId(rawId);
  const { ids, exclude } = await parseJsonRequest(request, iconSetRequest, 8 * 1024 * 1024);
  const db = await getDatabase();
  const job = await freshJob(db, id);
  const wanted = ids ? new Set(ids) : null;
  const unwanted = new Set(exclude ?? []);
  const prompts = new Map((await listJobPrompts(db, id)).map((p) => [p.id, p.desc]));
  const sources = [];
  for (const row of await listJobItemSessions(db, id)) {
    if ((wanted && !wanted.has(row.itemId)) || unwanted.has(row.itemId)) continue;
    const session = row.sessionId ? await getSession(db, row.sessionId) : null;
    sources.push({ id: row.itemId, desc: prompts.get(row.itemId) ?? "", rounds: session?.rounds ?? [] });
  }
  if (sources.length === 0) throw new StudioError("bad_request", "No items were chosen for the icon set.");
  const zip = iconSetZip(await iconSetFiles(sources));
  const stem = fileSlug(job.name.replace(/\.csv$/i, "")) || "batch";
  return new Response(zip as Uint8Array<ArrayBuffer>, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${stem}-icon-set.zip"`,
      "cache-control": "no-store",
    },
  });
}

const trainingQuerySchema = z.object({
  minScore: z.coerce.number().min(0).max(10).default(DEFAULT_TRAINING_OPTIONS.minScore),
  dpoMargin: z.coerce.number().min(0).max(10).default(DEFAULT_TRAINING_OPTIONS.dpoMargin),
});

export async function batchTrainingDataRoute(rawId: string, request: Request): Promise<Response> {
  const id = parseJobId(rawId);
  const query = new URL(request.url).searchParams;
  const parsed = trainingQuerySchema.safeParse({ minScore: query.get("minScore") ?? undefined, dpoMargin: query.get("dpoMargin") ?? undefined });
  if (!parsed.success) throw new StudioError("bad_request", `${parsed.error.issues[0].path.join(".")}: must be a number from 0 to 10.`);
  const options = parsed.data;
  const db = await getDatabase();
  const job = await freshJob(db, id);
  const prompts = new Map((await listJobPrompts(db, id)).map((p) => [p.id, p.desc]));
  const rows = await listJobItemSessions(db, id);
  async function* items(): AsyncGenerator<TrainingItem | null> {
    for (const row of rows) {
      const session = row.sessionId ? await getSession(db, row.sessionId) : null;
      yield session ? { id: row.itemId, desc: prompts.get(row.itemId) ?? session.prompt, rounds: session.rounds } : null;
    }
  }
  const stem = fileSlug(job.name.replace(/\.csv$/i, "")) || "batch";
  return new Response(trainingZipStream(items(), options), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${stem}-training-data.zip"`,
      "cache-control": "no-store",
    },
  });
}
