/**
 * Queries for sessions and their rounds. Every function takes the database, so tests run them
 * on a throwaway file and the routes on the studio's own.
 */
import { and, desc, eq, like, lte, sql } from "drizzle-orm";
import { pickBest } from "../loop/best-round";
import type { Round } from "../loop/loop-types";
import type { Database } from "./database";
import { roundToValues, rowToRound } from "./row-mapping";
import { batchItems, batchJobs, rounds, sessions, type SessionRow } from "./schema";
import { serializedWrite } from "./write-lock";
import { listCandidates, saveCandidate } from "./candidate-store";
import {
  SESSION_EXPORT_FORMAT,
  THUMBNAIL_SVG_BYTES,
  type HistorySource,
  type SessionDetail,
  type SessionExport,
  type SessionSummary,
} from "../contract/session-contract";
import type { LoopSettings, LoopStatus } from "../loop/loop-types";
import type { RunRecord } from "../contract/run-record";

export interface NewSession {
  prompt: string;
  settings: LoopSettings;
  engine: string;
  model: string | null;
  /** Each role's model and server (lib/profiles/resolve-run.ts). */
  run?: RunRecord | null;
  profile?: string;
  linkedFromId?: string | null;
  title?: string;
  status?: LoopStatus;
  extraRefinements?: number;
  forkedFromId?: string | null;
  forkedFromRound?: number | null;
  createdAt?: number;
}

export async function createSession(db: Database, input: NewSession): Promise<string> {
  const id = crypto.randomUUID();
  const now = Date.now();
  await serializedWrite(() =>
    db.insert(sessions).values({
      id,
      title: input.title ?? input.prompt.slice(0, 200),
      prompt: input.prompt,
      settings: input.settings,
      status: input.status ?? "running",
      extraRefinements: input.extraRefinements ?? 0,
      engine: input.engine,
      model: input.model,
      run: input.run ?? null,
      profile: input.profile ?? input.settings.profile ?? "intro-svg",
      linkedFromId: input.linkedFromId ?? null,
      forkedFromId: input.forkedFromId ?? null,
      forkedFromRound: input.forkedFromRound ?? null,
      createdAt: input.createdAt ?? now,
      updatedAt: now,
    }),
  );
  return id;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Where a page of the history ends: the next page starts after this session. */
export interface HistoryCursor {
  updatedAt: number;
  id: string;
}

export interface HistoryPage {
  sessions: SessionSummary[];
  nextCursor: HistoryCursor | null;
}

/**
 * A batch item's job, for a session that is one. Written out with its tables named: in a select
 * from one table drizzle leaves column names bare, and a bare "id" inside this subquery would be
 * the job's id, not the session's.
 */
const BATCH_JOB_OF_SESSION = sql<
  string | null
>`(SELECT json_object('jobId', bj.id, 'jobName', bj.name, 'itemId', bi.item_id) FROM ${batchItems} bi JOIN ${batchJobs} bj ON bj.id = bi.job_id WHERE bi.session_id = ${sql.raw('"sessions"."id"')} LIMIT 1)`;

/**
 * One page of the history, newest first, searched by prompt or title. Keyset pagination on
 * (updated_at, id), so page N costs what page 1 costs however long the history grows.
 */
export async function listSessions(
  db: Database,
  query = "",
  limit = 50,
  after: HistoryCursor | null = null,
  source: HistorySource = "all",
): Promise<HistoryPage> {
  const q = query.trim();
  const conditions = [];
  const isBatchItem = sql`EXISTS (SELECT 1 FROM ${batchItems} bi WHERE bi.session_id = ${sql.raw('"sessions"."id"')})`;
  if (source === "studio") conditions.push(sql`NOT ${isBatchItem}`);
  if (source === "batch") conditions.push(isBatchItem);
  if (q) conditions.push(sql`(${like(sessions.prompt, `%${escapeLike(q)}%`)} ESCAPE '\\' OR ${like(sessions.title, `%${escapeLike(q)}%`)} ESCAPE '\\')`);
  if (after)
    conditions.push(sql`(${sessions.updatedAt} < ${after.updatedAt} OR (${sessions.updatedAt} = ${after.updatedAt} AND ${sessions.id} < ${after.id}))`);
  const rows = await db
    .select({
      session: sessions,
      hasThumbnail: sql<number>`EXISTS (SELECT 1 FROM ${rounds} WHERE ${rounds.sessionId} = ${sessions.id} AND ${rounds.index} = ${sessions.bestRoundIndex} AND (${rounds.png} IS NOT NULL OR length(CAST(${rounds.svg} AS BLOB)) <= ${THUMBNAIL_SVG_BYTES}))`,
      roundCount: sql<number>`(SELECT count(*) FROM ${rounds} WHERE ${rounds.sessionId} = ${sessions.id})`,
      batchJob: BATCH_JOB_OF_SESSION,
    })
    .from(sessions)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(sessions.updatedAt), desc(sessions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map(({ session, hasThumbnail, roundCount, batchJob }) => ({
    ...summaryOf(session),
    batch: batchJob ? (JSON.parse(batchJob) as SessionSummary["batch"]) : null,
    // Versioned by the session's last change, so the browser may keep it for good.
    thumbnailUrl: hasThumbnail ? `/api/sessions/${session.id}/thumbnail?v=${session.updatedAt}` : null,
    roundCount: Number(roundCount),
  }));
  const last = rows.length > limit ? rows[limit - 1].session : null;
  return { sessions: page, nextCursor: last ? { updatedAt: last.updatedAt, id: last.id } : null };
}

/** The best round's critic PNG (or, without one, its SVG) for the history's thumbnail. */
export async function sessionThumbnail(db: Database, id: string): Promise<{ png: string | null; svg: string | null } | null> {
  const [row] = await db
    .select({ png: rounds.png, svg: rounds.svg })
    .from(sessions)
    .innerJoin(rounds, and(eq(rounds.sessionId, sessions.id), eq(rounds.index, sessions.bestRoundIndex)))
    .where(eq(sessions.id, id));
  return row ?? null;
}

function summaryOf(s: SessionRow): Omit<SessionSummary, "thumbnailUrl" | "roundCount"> {
  return {
    id: s.id,
    title: s.title,
    prompt: s.prompt,
    status: s.status,
    bestScore: s.bestScore,
    bestRoundIndex: s.bestRoundIndex,
    engine: s.engine,
    model: s.model,
    profile: s.profile,
    linkedFromId: s.linkedFromId,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export async function getSession(db: Database, id: string, upToRound?: number): Promise<SessionDetail | null> {
  const [session] = await db.select().from(sessions).where(eq(sessions.id, id));
  if (!session) return null;
  const roundRows = await db
    .select()
    .from(rounds)
    .where(upToRound === undefined ? eq(rounds.sessionId, id) : and(eq(rounds.sessionId, id), lte(rounds.index, upToRound)))
    .orderBy(rounds.index);
  return {
    ...summaryOf(session),
    settings: session.settings,
    run: session.run,
    extraRefinements: session.extraRefinements,
    forkedFromId: session.forkedFromId,
    forkedFromRound: session.forkedFromRound,
    rounds: roundRows.map(rowToRound),
    candidates: await listCandidates(db, id),
  };
}

/** Stores a round (insert or replace) and refreshes the session's best score, in one transaction. */
export async function saveRound(db: Database, sessionId: string, round: Round): Promise<boolean> {
  const now = Date.now();
  return serializedWrite(() =>
    db.transaction(async (tx) => {
      const [session] = await tx.select({ id: sessions.id, settings: sessions.settings }).from(sessions).where(eq(sessions.id, sessionId));
      if (!session) return false;
      const values = roundToValues(round);
      await tx
        .insert(rounds)
        .values({ ...values, sessionId, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: [rounds.sessionId, rounds.index], set: { ...values, updatedAt: now } });
      await tx
        .update(sessions)
        .set({ ...(await bestOf(tx, sessionId, session.settings)), updatedAt: now })
        .where(eq(sessions.id, sessionId));
      return true;
    }),
  );
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** The stored best, by the one rule (lib/loop/best-round.ts): a kept round, the notes' brief, the score. */
async function bestOf(tx: Tx, sessionId: string, settings: LoopSettings): Promise<{ bestScore: number | null; bestRoundIndex: number | null }> {
  const scored = await tx
    .select({ index: rounds.index, score: rounds.score, kind: rounds.kind, ssim: rounds.matchSsim })
    .from(rounds)
    .where(eq(rounds.sessionId, sessionId));
  const best = pickBest(scored, settings.keptRound);
  return { bestScore: best?.score ?? null, bestRoundIndex: best?.index ?? null };
}

export async function updateSession(
  db: Database,
  id: string,
  patch: { title?: string; status?: LoopStatus; extraRefinements?: number; keptRound?: number | null },
): Promise<boolean> {
  const { keptRound, ...columns } = patch;
  if (keptRound === undefined) {
    const result = await serializedWrite(() =>
      db
        .update(sessions)
        .set({ ...columns, updatedAt: Date.now() })
        .where(eq(sessions.id, id))
        .returning({ id: sessions.id }),
    );
    return result.length > 0;
  }
  // The lock lives in the session's settings (a JSON column), and moves the stored best with it.
  return serializedWrite(() =>
    db.transaction(async (tx) => {
      const [session] = await tx.select({ settings: sessions.settings }).from(sessions).where(eq(sessions.id, id));
      if (!session) return false;
      const { keptRound: _old, ...rest } = session.settings;
      void _old;
      const settings: LoopSettings = keptRound === null ? rest : { ...rest, keptRound };
      await tx
        .update(sessions)
        .set({ ...columns, settings, ...(await bestOf(tx, id, settings)), updatedAt: Date.now() })
        .where(eq(sessions.id, id));
      return true;
    }),
  );
}

export async function deleteSession(db: Database, id: string): Promise<boolean> {
  return serializedWrite(() =>
    db.transaction(async (tx) => {
      await tx.delete(rounds).where(eq(rounds.sessionId, id));
      const result = await tx.delete(sessions).where(eq(sessions.id, id)).returning({ id: sessions.id });
      return result.length > 0;
    }),
  );
}

/** A new session holding copies of rounds 1..roundIndex, paused so Resume continues from there. */
export async function forkSession(db: Database, id: string, roundIndex: number): Promise<string | null> {
  const source = await getSession(db, id, roundIndex);
  if (!source || !source.rounds.some((r) => r.index === roundIndex)) return null;
  const forkId = await createSession(db, {
    prompt: source.prompt,
    settings: source.settings,
    engine: source.engine,
    model: source.model,
    run: source.run,
    profile: source.profile,
    title: `${source.title} (fork of round ${roundIndex})`.slice(0, 200),
    status: "paused",
    extraRefinements: source.extraRefinements,
    forkedFromId: id,
    forkedFromRound: roundIndex,
  });
  for (const round of source.rounds) await saveRound(db, forkId, round);
  for (const candidate of source.candidates ?? []) await saveCandidate(db, forkId, candidate);
  return forkId;
}

export async function exportSession(db: Database, id: string): Promise<SessionExport | null> {
  const session = await getSession(db, id);
  if (!session) return null;
  return {
    format: SESSION_EXPORT_FORMAT,
    version: 2,
    session: {
      title: session.title,
      prompt: session.prompt,
      settings: session.settings,
      status: session.status,
      extraRefinements: session.extraRefinements,
      engine: session.engine,
      model: session.model,
      ...(session.run ? { run: session.run } : {}),
      profile: session.profile,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
    },
    rounds: session.rounds,
    ...(session.candidates?.length ? { candidates: session.candidates } : {}),
  };
}

/** Imports an exported session as a new one; a loop that was running comes back paused. */
export async function importSession(db: Database, data: SessionExport): Promise<string> {
  const id = await createSession(db, {
    ...data.session,
    status: data.session.status === "running" ? "paused" : data.session.status,
  });
  for (const round of data.rounds) await saveRound(db, id, round);
  for (const candidate of data.candidates ?? []) await saveCandidate(db, id, candidate);
  return id;
}
