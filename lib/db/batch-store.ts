/**
 * Queries for batch jobs and their items (tables in schema.ts). Every function takes the
 * database, as session-store.ts does; the job runner (lib/batch/batch-jobs.ts) and the routes
 * call them.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type {
  BatchItemFilter,
  BatchItemOutcome,
  BatchItemSort,
  BatchItemStatus,
  BatchItemView,
  BatchJobStatus,
  BatchJobSummary,
  RoundMean,
} from "../contract/batch-contract";
import type { LoopSettings, TargetImage } from "../loop/loop-types";
import type { RunRecord } from "../contract/run-record";

/** A job's item as its CSV row gave it: an image row carries its picture (the loop's target). */
export interface JobPrompt {
  id: string;
  desc: string;
  target?: TargetImage;
}
import type { Database } from "./database";
import { batchItems, batchJobs, rounds, sessions, type BatchItemRow, type BatchJobRow } from "./schema";
import { serializedWrite } from "./write-lock";

export interface NewBatchJob {
  name: string;
  settings: LoopSettings;
  concurrency: number;
  engine: string;
  model: string | null;
  run: RunRecord;
  items: ReadonlyArray<JobPrompt>;
}

/** SQLite allows 32,766 variables a statement; 9 columns × 500 rows stays far below. */
const INSERT_CHUNK = 500;

export async function createBatchJob(db: Database, input: NewBatchJob): Promise<string> {
  const id = crypto.randomUUID();
  const now = Date.now();
  await serializedWrite(() =>
    db.transaction(async (tx) => {
      await tx.insert(batchJobs).values({
        id,
        name: input.name,
        settings: input.settings,
        concurrency: input.concurrency,
        status: "running",
        total: input.items.length,
        engine: input.engine,
        model: input.model,
        run: input.run,
        createdAt: now,
        updatedAt: now,
      });
      for (let start = 0; start < input.items.length; start += INSERT_CHUNK) {
        await tx.insert(batchItems).values(
          input.items.slice(start, start + INSERT_CHUNK).map((item, i) => ({
            jobId: id,
            itemId: item.id,
            position: start + i,
            prompt: item.desc,
            target: item.target ?? null,
            status: "pending" as const,
            updatedAt: now,
          })),
        );
      }
    }),
  );
  return id;
}

const finishedCount = sql<number>`(SELECT count(*) FROM ${batchItems} WHERE ${batchItems.jobId} = ${batchJobs.id} AND ${batchItems.status} IN ('done', 'failed'))`;
const failedCount = sql<number>`(SELECT count(*) FROM ${batchItems} WHERE ${batchItems.jobId} = ${batchJobs.id} AND ${batchItems.status} = 'failed')`;

function summaryOf(job: BatchJobRow, finished: number, failed: number): BatchJobSummary {
  return {
    id: job.id,
    name: job.name,
    status: job.status,
    settings: job.settings,
    concurrency: job.concurrency,
    total: job.total,
    finished: Number(finished),
    failed: Number(failed),
    engine: job.engine,
    model: job.model,
    run: job.run,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

export async function listBatchJobs(db: Database, limit = 100): Promise<BatchJobSummary[]> {
  const rows = await db
    .select({ job: batchJobs, finished: finishedCount, failed: failedCount })
    .from(batchJobs)
    .orderBy(desc(batchJobs.createdAt))
    .limit(limit);
  return rows.map(({ job, finished, failed }) => summaryOf(job, finished, failed));
}

export async function getBatchJob(db: Database, id: string): Promise<BatchJobSummary | null> {
  const [row] = await db.select({ job: batchJobs, finished: finishedCount, failed: failedCount }).from(batchJobs).where(eq(batchJobs.id, id));
  return row ? summaryOf(row.job, row.finished, row.failed) : null;
}

export async function setBatchJobStatus(db: Database, id: string, status: BatchJobStatus): Promise<void> {
  await serializedWrite(() => db.update(batchJobs).set({ status, updatedAt: Date.now() }).where(eq(batchJobs.id, id)));
}

/**
 * Marks every job still "running" as interrupted except those named (the ones this process
 * runs), and their items left running as stopped. Returns the jobs it marked.
 */
export async function markInterruptedJobs(db: Database, running: ReadonlySet<string>): Promise<string[]> {
  const stale = await db.select({ id: batchJobs.id }).from(batchJobs).where(eq(batchJobs.status, "running"));
  const ids = stale.map((r) => r.id).filter((id) => !running.has(id));
  if (ids.length > 0) {
    await serializedWrite(() =>
      db
        .update(batchJobs)
        .set({ status: "interrupted", updatedAt: Date.now() })
        .where(and(inArray(batchJobs.id, ids), eq(batchJobs.status, "running"))),
    );
    await serializedWrite(() =>
      db
        .update(batchItems)
        .set({ status: "stopped", updatedAt: Date.now() })
        .where(and(inArray(batchItems.jobId, ids), eq(batchItems.status, "running"))),
    );
  }
  return ids;
}

/** The job's items in CSV order (what a run goes through). */
export async function listJobPrompts(db: Database, jobId: string): Promise<JobPrompt[]> {
  const rows = await db
    .select({ id: batchItems.itemId, desc: batchItems.prompt, target: batchItems.target })
    .from(batchItems)
    .where(eq(batchItems.jobId, jobId))
    .orderBy(asc(batchItems.position));
  return rows.map(({ id, desc, target }) => (target ? { id, desc, target } : { id, desc }));
}

export async function getBatchItem(db: Database, jobId: string, itemId: string): Promise<BatchItemRow | null> {
  const [row] = await db
    .select()
    .from(batchItems)
    .where(and(eq(batchItems.jobId, jobId), eq(batchItems.itemId, itemId)));
  return row ?? null;
}

export async function updateBatchItem(
  db: Database,
  jobId: string,
  itemId: string,
  patch: { sessionId?: string; status?: BatchItemStatus; outcome?: BatchItemOutcome },
): Promise<void> {
  await serializedWrite(() =>
    db
      .update(batchItems)
      .set({
        ...(patch.sessionId !== undefined ? { sessionId: patch.sessionId } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.outcome !== undefined ? { outcome: patch.outcome, bestScore: patch.outcome.bestScore } : {}),
        updatedAt: Date.now(),
      })
      .where(and(eq(batchItems.jobId, jobId), eq(batchItems.itemId, itemId))),
  );
}

/** Items marked running by a run that is no longer (a cancel, a stopped server) read as stopped. */
export async function settleRunningItems(db: Database, jobId: string): Promise<void> {
  await serializedWrite(() =>
    db
      .update(batchItems)
      .set({ status: "stopped", updatedAt: Date.now() })
      .where(and(eq(batchItems.jobId, jobId), eq(batchItems.status, "running"))),
  );
}

/** Outcomes of the job's items that have one (finished or stopped). */
export async function listBatchOutcomes(db: Database, jobId: string): Promise<BatchItemOutcome[]> {
  const rows = await db
    .select({ outcome: batchItems.outcome, status: batchItems.status })
    .from(batchItems)
    .where(eq(batchItems.jobId, jobId))
    .orderBy(asc(batchItems.position));
  return rows.flatMap((r) => (r.outcome && r.status !== "running" && r.status !== "pending" ? [r.outcome] : []));
}

/** The mean critic score (and SSIM/PSNR of image rows) of each round position across the job's items' sessions. */
export async function batchRoundMeans(db: Database, jobId: string): Promise<RoundMean[]> {
  const rows = await db
    .select({
      round: rounds.index,
      meanScore: sql<number | null>`avg(${rounds.score})`,
      count: sql<number>`count(${rounds.score})`,
      meanSsim: sql<number | null>`avg(${rounds.matchSsim})`,
      meanPsnr: sql<number | null>`avg(${rounds.matchPsnr})`,
    })
    .from(rounds)
    .innerJoin(batchItems, eq(batchItems.sessionId, rounds.sessionId))
    .where(and(eq(batchItems.jobId, jobId), sql`(${rounds.score} IS NOT NULL OR ${rounds.matchSsim} IS NOT NULL)`))
    .groupBy(rounds.index)
    .orderBy(asc(rounds.index));
  return rows.map((r) => ({
    round: r.round,
    meanScore: r.meanScore === null ? null : Number(r.meanScore),
    count: Number(r.count),
    ...(r.meanSsim !== null && r.meanPsnr !== null ? { meanSsim: Number(r.meanSsim), meanPsnr: Number(r.meanPsnr) } : {}),
  }));
}

export interface ItemPageQuery {
  sort: BatchItemSort;
  filter: BatchItemFilter;
  offset: number;
  limit: number;
}

/** One page of the job's items with their best round's SVG, and how many match the filter. */
export async function listBatchItems(db: Database, jobId: string, query: ItemPageQuery): Promise<{ items: BatchItemView[]; matching: number }> {
  const where: SQL | undefined = query.filter === "failed" ? and(eq(batchItems.jobId, jobId), eq(batchItems.status, "failed")) : eq(batchItems.jobId, jobId);
  // The session's best score is live (it grows while the item runs, and if the item is continued
  // in the studio); the item's own is its outcome's. By score: best first, unscored last; ties
  // in CSV order.
  const score = sql<number | null>`coalesce(${sessions.bestScore}, ${batchItems.bestScore})`;
  const order = query.sort === "score" ? [sql`${score} IS NULL`, desc(score), asc(batchItems.position)] : [asc(batchItems.itemId)];
  const rows = await db
    .select({
      item: batchItems,
      score,
      bestRoundIndex: sessions.bestRoundIndex,
      roundCount: sql<number>`(SELECT count(*) FROM ${rounds} WHERE ${rounds.sessionId} = ${batchItems.sessionId})`,
      thumbnailSvg: sql<
        string | null
      >`(SELECT ${rounds.svg} FROM ${rounds} WHERE ${rounds.sessionId} = ${batchItems.sessionId} AND ${rounds.index} = ${sessions.bestRoundIndex})`,
      // While an item runs, its latest round with a drawing is shown as it arrives.
      latest: sql<
        string | null
      >`(SELECT json_object('index', ${rounds.index}, 'svg', ${rounds.svg}, 'score', ${rounds.score}) FROM ${rounds} WHERE ${rounds.sessionId} = ${batchItems.sessionId} AND ${rounds.svg} IS NOT NULL ORDER BY ${rounds.index} DESC LIMIT 1)`,
      matchSsim: sql<
        number | null
      >`(SELECT ${rounds.matchSsim} FROM ${rounds} WHERE ${rounds.sessionId} = ${batchItems.sessionId} AND ${rounds.index} = ${sessions.bestRoundIndex})`,
      matchPsnr: sql<
        number | null
      >`(SELECT ${rounds.matchPsnr} FROM ${rounds} WHERE ${rounds.sessionId} = ${batchItems.sessionId} AND ${rounds.index} = ${sessions.bestRoundIndex})`,
    })
    .from(batchItems)
    .leftJoin(sessions, eq(sessions.id, batchItems.sessionId))
    .where(where)
    .orderBy(...order)
    .limit(query.limit)
    .offset(query.offset);
  const [{ count }] = await db
    .select({ count: sql<number>`count(*)` })
    .from(batchItems)
    .where(where);
  return {
    matching: Number(count),
    items: rows.map(({ item, score: bestScore, bestRoundIndex, roundCount, thumbnailSvg, latest, matchSsim, matchPsnr }) => ({
      id: item.itemId,
      prompt: item.prompt,
      status: item.status,
      sessionId: item.sessionId,
      bestScore: bestScore === null ? null : Number(bestScore),
      bestRoundIndex: bestRoundIndex ?? null,
      rounds: Number(roundCount),
      thumbnailSvg,
      latestRound: latest ? (JSON.parse(latest) as BatchItemView["latestRound"]) : null,
      match: matchSsim !== null && matchPsnr !== null ? { ssim: Number(matchSsim), psnr: Number(matchPsnr) } : null,
      error: item.outcome?.error ? { code: item.outcome.error.code, message: item.outcome.error.message } : null,
    })),
  };
}

/** Every item of the job with its session id, in CSV order (the results ZIP walks them). */
export async function listJobItemSessions(
  db: Database,
  jobId: string,
): Promise<Array<{ itemId: string; sessionId: string | null; outcome: BatchItemOutcome | null }>> {
  return db
    .select({ itemId: batchItems.itemId, sessionId: batchItems.sessionId, outcome: batchItems.outcome })
    .from(batchItems)
    .where(eq(batchItems.jobId, jobId))
    .orderBy(asc(batchItems.position));
}
