/**
 * The browser's client for the batch API (jobs run on the server; the page only asks and shows).
 * Failures throw with the server's message, so a bad CSV says which line is wrong.
 */
import type { BatchItemFilter, BatchItemSort, BatchJobDetail, BatchJobSummary, CreateBatchJob } from "../contract/batch-contract";
import { ApiError, callApi as call } from "./api-call";

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
  /** The icon set ZIP of the chosen items (`ids`, or all but `exclude`), as a Blob to save. */
  iconSet: async (id: string, choice: { ids?: string[]; exclude?: string[] }): Promise<Blob> => {
    const response = await fetch(`/api/batch/jobs/${encodeURIComponent(id)}/icon-set`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(choice),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new ApiError(body?.error?.message ?? `The studio answered ${response.status}.`, response.status);
    }
    return response.blob();
  },
  resultsUrl: (id: string) => `/api/batch/jobs/${encodeURIComponent(id)}/results`,
  trainingDataUrl: (id: string) => `/api/batch/jobs/${encodeURIComponent(id)}/training-data`,
};
