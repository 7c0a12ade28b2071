/**
 * The browser's client for the sessions API (no server imports: the database stays on the
 * server). Failures throw with the server's message so the UI can say what was not saved.
 */
import type { Candidate, LoopSettings, LoopStatus, Round } from "../loop/loop-types";
import type { HistorySource, SessionDetail, SessionPage } from "../contract/session-contract";
import type { SessionPort } from "../loop/loop-ports";
import { callApi as call } from "./api-call";

export const sessionApi = {
  /** One page of the history (newest first); pass a page's nextCursor to get the next. */
  page: (q: string, after: string | null, signal?: AbortSignal, source: HistorySource = "all") =>
    call<SessionPage>(`/api/sessions?q=${encodeURIComponent(q)}&source=${source}${after ? `&after=${encodeURIComponent(after)}` : ""}`, { signal }),
  /** The first page of the history. */
  list: (q: string, signal?: AbortSignal) => sessionApi.page(q, null, signal).then((r) => r.sessions),
  get: (id: string, signal?: AbortSignal) => call<SessionDetail>(`/api/sessions/${encodeURIComponent(id)}`, { signal }),
  create: (input: { prompt: string; settings: LoopSettings; linkedFromId?: string }) =>
    call<{ id: string }>("/api/sessions", { method: "POST", body: JSON.stringify(input) }).then((r) => r.id),
  saveRound: (sessionId: string, round: Round) =>
    call<void>(`/api/sessions/${sessionId}/rounds/${round.index}`, { method: "PUT", body: JSON.stringify(round) }),
  saveCandidate: (sessionId: string, candidate: Candidate) =>
    call<void>(`/api/sessions/${sessionId}/candidates/${candidate.candidate}`, { method: "PUT", body: JSON.stringify(candidate) }),
  update: (sessionId: string, patch: { status?: LoopStatus; extraRefinements?: number; title?: string; keptRound?: number | null }) =>
    call<void>(`/api/sessions/${sessionId}`, { method: "PATCH", body: JSON.stringify(patch) }),
  remove: (sessionId: string) => call<void>(`/api/sessions/${sessionId}`, { method: "DELETE" }),
  fork: (sessionId: string, roundIndex: number) =>
    call<{ id: string }>(`/api/sessions/${sessionId}/fork`, { method: "POST", body: JSON.stringify({ roundIndex }) }).then((r) => r.id),
  importJson: (text: string) => call<{ id: string }>("/api/sessions/import", { method: "POST", body: text }).then((r) => r.id),
} satisfies SessionPort & Record<string, unknown>;
