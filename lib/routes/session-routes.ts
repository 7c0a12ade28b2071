/**
 * What the sessions routes do, kept out of app/ so the routes stay thin: validate ids and
 * bodies, call the store, answer. Every error is a StudioError with one way to a response.
 */
import { z } from "zod";
import { fileSlug } from "../export/file-names";
import { sessionZip } from "../export/session-zip";
import { validate, parseJsonRequest } from "../http/json-request";
import { loadConfig, resolveRequestedRun } from "./step-routes";
import { StudioError } from "../http/errors";
import { dataUrlChars, LIMITS } from "../http/limits";
import { getDatabase } from "../db/database";
import {
  createSessionSchema,
  forkSessionSchema,
  HISTORY_SOURCES,
  type HistorySource,
  roundSchema,
  sessionExportSchema,
  type SessionPage,
  THUMBNAIL_SVG_BYTES,
  updateSessionSchema,
} from "../contract/session-contract";
import * as store from "../db/session-store";
import { saveCandidate } from "../db/candidate-store";
import { candidateSchema } from "../loop/candidate-schema";
import { CANDIDATES_MAX } from "../loop/loop-limits";
import type { HistoryCursor } from "../db/session-store";

const sessionId = z.uuid({ message: "not a session id" });

export function parseSessionId(raw: string): string {
  return validate(sessionId, raw);
}

function notFound(id: string): StudioError {
  return new StudioError("not_found", `No session ${id}.`);
}

const HISTORY_PAGE = 50;

/** The cursor travels as `updatedAt.id`: opaque to the browser, checked here. */
function parseCursor(raw: string | null): HistoryCursor | null {
  if (!raw) return null;
  const match = /^(\d{1,16})\.([0-9a-f-]{36})$/.exec(raw);
  if (!match) throw new StudioError("bad_request", "after is not a history cursor");
  return { updatedAt: Number(match[1]), id: match[2] };
}

export async function listSessionsRoute(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const source = (params.get("source") ?? "all") as HistorySource;
  if (!HISTORY_SOURCES.includes(source)) throw new StudioError("bad_request", `source must be one of ${HISTORY_SOURCES.join(", ")}`);
  const page = await store.listSessions(await getDatabase(), (params.get("q") ?? "").slice(0, 200), HISTORY_PAGE, parseCursor(params.get("after")), source);
  const body: SessionPage = {
    sessions: page.sessions,
    nextCursor: page.nextCursor ? `${page.nextCursor.updatedAt}.${page.nextCursor.id}` : null,
  };
  return Response.json(body);
}

/** A thumbnail's SVG is served as a document of its own: sanitized, capped (THUMBNAIL_SVG_BYTES), and inert even if opened. */
const THUMBNAIL_HEADERS = {
  // The URL carries the session's version (?v=updatedAt): a new best round is a new URL.
  "cache-control": "private, max-age=31536000, immutable",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  "x-content-type-options": "nosniff",
};

export async function thumbnailRoute(rawId: string): Promise<Response> {
  const id = parseSessionId(rawId);
  const thumbnail = await store.sessionThumbnail(await getDatabase(), id);
  if (thumbnail?.png) {
    // The exact 200×200 image the critic saw: small, and already a safe raster.
    const bytes = Buffer.from(thumbnail.png.slice(thumbnail.png.indexOf(",") + 1), "base64");
    return new Response(new Uint8Array(bytes), { headers: { ...THUMBNAIL_HEADERS, "content-type": "image/png" } });
  }
  if (thumbnail?.svg) {
    // Loaded here, not with the module: jsdom takes 1–2 s to load, which stalled the server's
    // event loop at the first history request under load; the list itself never needs it.
    const { sanitizeSvgInNode } = await import("../svg/sanitize-in-node");
    const svg = sanitizeSvgInNode(thumbnail.svg);
    if (Buffer.byteLength(svg) <= THUMBNAIL_SVG_BYTES) {
      return new Response(svg, { headers: { ...THUMBNAIL_HEADERS, "content-type": "image/svg+xml" } });
    }
  }
  throw new StudioError("not_found", `Session ${id} has no thumbnail.`);
}

export async function createSessionRoute(request: Request): Promise<Response> {
  // Room for an image session's target picture (a PNG of at most LIMITS.pngBytes) in its settings.
  const body = await parseJsonRequest(request, createSessionSchema, 64 * 1024 + dataUrlChars(LIMITS.pngBytes));
  // Never waits on the upstream: creating the session must not delay the loop's first save.
  const run = resolveRequestedRun(loadConfig(), { settings: body.settings });
  const id = await store.createSession(await getDatabase(), {
    prompt: body.prompt,
    settings: run.settings,
    engine: run.generator.engine,
    model: run.record.generator.model,
    run: run.record,
    profile: run.profile.id,
    linkedFromId: body.linkedFromId ?? null,
  });
  return Response.json({ id }, { status: 201 });
}

export async function getSessionRoute(rawId: string): Promise<Response> {
  const id = parseSessionId(rawId);
  const session = await store.getSession(await getDatabase(), id);
  if (!session) throw notFound(id);
  return Response.json(session);
}

export async function updateSessionRoute(request: Request, rawId: string): Promise<Response> {
  const id = parseSessionId(rawId);
  const patch = await parseJsonRequest(request, updateSessionSchema, 16 * 1024);
  if (!(await store.updateSession(await getDatabase(), id, patch))) throw notFound(id);
  return new Response(null, { status: 204 });
}

export async function deleteSessionRoute(rawId: string): Promise<Response> {
  const id = parseSessionId(rawId);
  if (!(await store.deleteSession(await getDatabase(), id))) throw notFound(id);
  return new Response(null, { status: 204 });
}

export async function saveRoundRoute(request: Request, rawId: string, rawIndex: string): Promise<Response> {
  const id = parseSessionId(rawId);
  const index = validate(
    z.coerce.number({ message: "not a round index" }).int({ message: "not a round index" }).positive({ message: "not a round index" }),
    rawIndex,
  );
  const round = await parseJsonRequest(request, roundSchema, LIMITS.roundBodyBytes);
  if (round.index !== index) throw new StudioError("bad_request", `The body is round ${round.index}, the URL says ${index}.`);
  if (!(await store.saveRound(await getDatabase(), id, round))) throw notFound(id);
  return new Response(null, { status: 204 });
}

export async function saveCandidateRoute(request: Request, rawId: string, rawNumber: string): Promise<Response> {
  const id = parseSessionId(rawId);
  const number = validate(
    z.coerce
      .number({ message: "not a candidate number" })
      .int({ message: "not a candidate number" })
      .min(1)
      .max(CANDIDATES_MAX, { message: "not a candidate number" }),
    rawNumber,
  );
  const candidate = await parseJsonRequest(request, candidateSchema, LIMITS.roundBodyBytes);
  if (candidate.candidate !== number) throw new StudioError("bad_request", `The body is candidate ${candidate.candidate}, the URL says ${number}.`);
  if (!(await saveCandidate(await getDatabase(), id, candidate))) throw notFound(id);
  return new Response(null, { status: 204 });
}

export async function forkSessionRoute(request: Request, rawId: string): Promise<Response> {
  const id = parseSessionId(rawId);
  const { roundIndex } = await parseJsonRequest(request, forkSessionSchema, 1024);
  const forkId = await store.forkSession(await getDatabase(), id, roundIndex);
  if (!forkId) throw new StudioError("not_found", `No round ${roundIndex} in session ${id}.`);
  return Response.json({ id: forkId }, { status: 201 });
}

export async function importSessionRoute(request: Request): Promise<Response> {
  const data = await parseJsonRequest(request, sessionExportSchema, LIMITS.importBodyBytes);
  const id = await store.importSession(await getDatabase(), data);
  return Response.json({ id }, { status: 201 });
}

export async function exportSessionRoute(request: Request, rawId: string): Promise<Response> {
  const id = parseSessionId(rawId);
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (format !== "json" && format !== "zip") throw new StudioError("bad_request", "format must be json or zip");
  const data = await store.exportSession(await getDatabase(), id);
  if (!data) throw notFound(id);
  const stem = fileSlug(data.session.title);
  const json = JSON.stringify(data, null, 2);
  if (format === "json") {
    return new Response(json, {
      headers: { "content-type": "application/json", "content-disposition": `attachment; filename="${stem}.json"` },
    });
  }
  const zip = sessionZip(data, json);
  return new Response(new Blob([zip as Uint8Array<ArrayBuffer>]), {
    headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${stem}.zip"` },
  });
}
