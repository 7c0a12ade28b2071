"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { sessionApi } from "@/lib/clients/session-client";
import type { HistorySource } from "@/lib/contract/session-contract";
import { queryKeys, sessionListOptions, sessionOptions } from "@/lib/store/query-options";

/** The history a page at a time (50 sessions); the next page loads as the list scrolls to its end. */
export function useSessionList(query: string, source: HistorySource = "all") {
  return useInfiniteQuery(sessionListOptions(query, source));
}

export function useSessionDetail(id: string | null) {
  return useQuery(sessionOptions(id));
}

export function useSessionMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
  return {
    rename: useMutation({
      mutationFn: ({ id, title }: { id: string; title: string }) => sessionApi.update(id, { title }),
      onSettled: refresh,
    }),
    remove: useMutation({ mutationFn: (id: string) => sessionApi.remove(id), onSettled: refresh }),
    importJson: useMutation({ mutationFn: (text: string) => sessionApi.importJson(text), onSettled: refresh }),
    fork: useMutation({
      mutationFn: ({ id, roundIndex }: { id: string; roundIndex: number }) => sessionApi.fork(id, roundIndex),
      onSettled: refresh,
    }),
  };
}
