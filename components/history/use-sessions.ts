"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { sessionApi } from "@/lib/clients/session-client";

/** The history a page at a time (50 sessions); the next page loads as the list scrolls to its end. */
export function useSessionList(query: string, source: "studio" | "batch" | "all" = "all") {
  return useInfiniteQuery({
    queryKey: ["sessions", query, source],
    queryFn: ({ signal, pageParam }) => sessionApi.page(query, pageParam, signal, source),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
}

export function useSessionDetail(id: string | null) {
  return useQuery({
    queryKey: ["session", id],
    queryFn: ({ signal }) => sessionApi.get(id ?? "", signal),
    enabled: id !== null,
    // Always read the stored session afresh when a page opens it: it may have grown since.
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

export function useSessionMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["sessions"] });
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
