/**
 * The browser's client for the batch API (jobs run on the server; the page only asks and shows).
 * Failures throw with the server's message, so a bad CSV says which line is wrong.
 */
import type { BatchItemFilter, BatchItemSort, BatchJobDetail, BatchJobSummary, CreateBatchJob } from "../contract/batch-contract";

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new Error("The studio server did not answer.");
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    // With its status, so the page can tell a bad file (4xx) or a missing job (404) from a fault.
    throw Object.assign(new Error(body?.error?.message ?? `The studio answered ${response.status}.`), { status: response.status });
  }
  return (await response.json()) as T;
}

/** The HTTP status of a failed batch API call, when the studio answered at all. */
export function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : null;
}

export interface ItemPage {
  sort: BatchItemSort;
  filter: BatchItemFilter;
  limit: number;
}

export const batchApi = {
  list: (signal?: AbortSignal) => call<{ jobs: BatchJobSummary[] }>("/api/batch/jobs", { signal }).then((r) => r.jobs),
  get: (id: string, page: ItemPage, signal?: AbortSignal) =>
    call<BatchJobDetail>(`/api/batch/jobs/${encodeURIComponent(id)}?sort=${page.sort}&filter=${page.filter}&limit=${page.limit}`, { signal }),
  create: (input: CreateBatchJob) => call<{ id: string }>("/api/batch/jobs", { method: "POST", body: JSON.stringify(input) }).then((r) => r.id),
  cancel: (id: string) => call<BatchJobSummary>(`/api/batch/jobs/${encodeURIComponent(id)}/cancel`, { method: "POST", body: "{}" }),
  resume: (id: string, options: { retryFailed?: boolean } = {}) =>
    call<BatchJobSummary>(`/api/batch/jobs/${encodeURIComponent(id)}/resume`, { method: "POST", body: JSON.stringify(options) }),
  resultsUrl: (id: string) => `/api/batch/jobs/${encodeURIComponent(id)}/results`,
};
