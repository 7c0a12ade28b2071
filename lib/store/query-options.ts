/**
 * Every query the browser makes, with its key and options, defined once (TanStack Query's
 * queryOptions): hooks and invalidations use these, never a key written out again. Keys nest,
 * so invalidating `queryKeys.sessions` reaches every page of the history.
 */
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { callApi } from "../clients/api-call";
import { batchApi, type ItemPage } from "../clients/batch-client";
import { sessionApi } from "../clients/session-client";
import type { BatchJobStatus } from "../contract/batch-contract";
import type { HistorySource } from "../contract/session-contract";
import type { EngineStatus } from "../contract/status-contract";

export const queryKeys = {
  sessions: ["sessions"] as const,
  sessionList: (query: string, source: HistorySource) => ["sessions", query, source] as const,
  session: (id: string | null) => ["session", id] as const,
  batchJobs: ["batch-jobs"] as const,
  /** A job's every page of items (prefix of batchJobPage). */
  batchJob: (id: string) => ["batch-job", id] as const,
  batchJobPage: (id: string, page: ItemPage) => ["batch-job", id, page] as const,
  engineStatus: ["engine-status"] as const,
};

const isLive = (status: BatchJobStatus | undefined) => status === "running";

/** The history a page at a time (50 sessions); the next page loads as the list scrolls to its end. */
export const sessionListOptions = (query: string, source: HistorySource = "all") =>
  infiniteQueryOptions({
    queryKey: queryKeys.sessionList(query, source),
    queryFn: ({ signal, pageParam }) => sessionApi.page(query, pageParam, signal, source),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });

/** A stored session, wherever a page opens it (the studio, Compare, Compare profiles). */
export const sessionOptions = (id: string | null) =>
  queryOptions({
    queryKey: queryKeys.session(id),
    queryFn: ({ signal }) => sessionApi.get(id ?? "", signal),
    enabled: id !== null,
    // Always read the stored session afresh when a page opens it: it may have grown since.
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });

/** Which engine and profiles the studio has, and whether each answers; refreshed every 30 s. */
export const engineStatusOptions = queryOptions({
  queryKey: queryKeys.engineStatus,
  queryFn: ({ signal }) => callApi<EngineStatus>("/api/status", { signal }),
  refetchInterval: 30_000,
});

export const batchJobsOptions = queryOptions({
  queryKey: queryKeys.batchJobs,
  queryFn: ({ signal }) => batchApi.list(signal),
  // Keeps finished counts of running jobs moving; cheap (no items).
  refetchInterval: (query) => (query.state.data?.some((j) => isLive(j.status)) ? 3_000 : false),
});

/** A job with one page of items, polled every second while it runs. */
export const batchJobOptions = (id: string, page: ItemPage) =>
  queryOptions({
    queryKey: queryKeys.batchJobPage(id, page),
    queryFn: ({ signal }) => batchApi.get(id, page, signal),
    placeholderData: (previous) => previous,
    refetchInterval: (query) => (isLive(query.state.data?.status) ? 1_000 : false),
    refetchOnWindowFocus: true,
    retry: false,
  });
