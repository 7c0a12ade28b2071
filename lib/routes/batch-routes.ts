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
 *
 * POSTs must be JSON (content-type: application/json), so no form on another site can start or
 * stop a job with a simple request.
 */
import { z } from "zod";
import { batchInferenceConfig, cancelBatchJob, EmptyCsvError, isJobRunning, reconcileJobs, resumeBatchJob, startBatchJob } from "../batch/batch-jobs";
import { summarizeBatch } from "../batch/batch-summary";
import type { BatchReport } from "../batch/output-folder";
import { PromptsCsvError } from "../batch/prompts-csv";
import { resultsZipStream, type ZipItem } from "../batch/results-zip";
import { createBatchJobSchema, MAX_CSV_CHARS, resumeBatchJobSchema, type BatchJobDetail, type BatchJobSummary } from "../contract/batch-contract";
import { getDatabase, type Database } from "../db/database";
import {
  batchRoundMeans,
  getBatchJob,
  listBatchItems,
  listBatchJobs,
  listBatchOutcomes,
  listJobItemSessions,
  listJobPrompts,
} from "../db/batch-store";
import { getSession } from "../db/session-store";
import { fileSlug } from "../export/file-names";
import { iconSetFiles, iconSetZip } from "../batch/icon-set-files";
import { StudioError } from "../http/errors";
import { parseJsonRequest, validate } from "../http/json-request";

const jobId = z.uuid({ message: "not a batch job id" });

function parseJobId(raw: string): string {
  return validate(jobId, raw);
}

function notFound(id: string): StudioError {
  return new StudioError("not_found", `No batch job ${id}.`);
}

/** POSTs carry JSON, declared as such (a cross-site form cannot send that without a preflight). */
function requireJson(request: Request): void {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type.trim())) {
    throw new StudioError("bad_request", "The request must be JSON (content-type: application/json).");
  }
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
  requireJson(request);
  const body = await parseJsonRequest(request, createBatchJobSchema, MAX_CSV_CHARS * 4 + 64 * 1024);
  try {
    const id = await startBatchJob(await getDatabase(), body, batchInferenceConfig());
    return Response.json({ id }, { status: 201 });
  } catch (e) {
    if (e instanceof PromptsCsvError) throw new StudioError("bad_request", `${body.name}: ${e.message}`);
    if (e instanceof EmptyCsvError) throw new StudioError("bad_request", `${body.name}: ${e.message}`);
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
  requireJson(request);
  const id = parseJobId(rawId);
  const db = await getDatabase();
  if (!(await cancelBatchJob(db, id))) throw notFound(id);
  return Response.json(await freshJob(db, id));
}

export async function resumeBatchJobRoute(request: Request, rawId: string): Promise<Response> {
  requireJson(request);
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
      yield { id: row.itemId, desc: prompts.get(row.itemId) ?? "", settings: session?.settings ?? job.settings, loop: session, outcome: row.outcome };
    }
  }
  const report = async (): Promise<BatchReport> => {
    const outcomes = await listBatchOutcomes(db, id);
    return {
      format: "introsvg-studio-batch-report",
      version: 1,
      csv: job.name,
      settings: job.settings,
      engine: job.engine,
      model: job.model,
      concurrency: job.concurrency,
      startedAt: new Date(job.createdAt).toISOString(),
      finishedAt: new Date(job.updatedAt).toISOString(),
      wallMs: job.updatedAt - job.createdAt,
      interrupted: job.status !== "done",
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      summary: summarizeBatch(outcomes, job.settings.threshold, job.total),
      roundMeans: await batchRoundMeans(db, id),
      items: outcomes,
    };
  };
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
  requireJson(request);
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
