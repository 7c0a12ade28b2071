"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { batchApi, type ItemPage } from "@/lib/clients/batch-client";
import type { BatchJobStatus } from "@/lib/contract/batch-contract";

const isLive = (status: BatchJobStatus | undefined) => status === "running";

export function useBatchJobs() {
  return useQuery({
    queryKey: ["batch-jobs"],
    queryFn: ({ signal }) => batchApi.list(signal),
    // Keeps finished counts of running jobs moving; cheap (no items).
    refetchInterval: (query) => (query.state.data?.some((j) => isLive(j.status)) ? 3_000 : false),
  });
}

/** A job with one page of items, polled every second while it runs. */
export function useBatchJob(id: string, page: ItemPage) {
  return useQuery({
    queryKey: ["batch-job", id, page],
    queryFn: ({ signal }) => batchApi.get(id, page, signal),
    placeholderData: (previous) => previous,
    refetchInterval: (query) => (isLive(query.state.data?.status) ? 1_000 : false),
    refetchOnWindowFocus: true,
    retry: false,
  });
}

export function useBatchControls(id: string) {
  const queryClient = useQueryClient();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ["batch-job", id] }), queryClient.invalidateQueries({ queryKey: ["batch-jobs"] })]);
  return {
    cancel: useMutation({ mutationFn: () => batchApi.cancel(id), onSettled: refresh }),
    resume: useMutation({ mutationFn: () => batchApi.resume(id), onSettled: refresh }),
    retryFailed: useMutation({ mutationFn: () => batchApi.resume(id, { retryFailed: true }), onSettled: refresh }),
  };
}
