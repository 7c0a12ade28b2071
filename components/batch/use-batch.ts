"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { batchApi, type ItemPage } from "@/lib/clients/batch-client";
import { batchJobOptions, batchJobsOptions, queryKeys } from "@/lib/store/query-options";

export function useBatchJobs() {
  return useQuery(batchJobsOptions);
}

/** A job with one page of items, polled every second while it runs. */
export function useBatchJob(id: string, page: ItemPage) {
  return useQuery(batchJobOptions(id, page));
}

export function useBatchControls(id: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.batchJob(id) }), queryClient.invalidateQueries({ queryKey: queryKeys.batchJobs })]);
  return {
    cancel: useMutation({ mutationFn: () => batchApi.cancel(id), onSettled: refresh }),
    resume: useMutation({ mutationFn: () => batchApi.resume(id), onSettled: refresh }),
    retryFailed: useMutation({ mutationFn: () => batchApi.resume(id, { retryFailed: true }), onSettled: refresh }),
  };
}
