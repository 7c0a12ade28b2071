"use client";

import { useQuery } from "@tanstack/react-query";
import type { EngineStatus } from "@/lib/contract/status-contract";

export function useEngineStatus() {
  return useQuery({
    queryKey: ["engine-status"],
    queryFn: async ({ signal }): Promise<EngineStatus> => {
      const response = await fetch("/api/status", { signal });
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? `The studio answered ${response.status}.`);
      return body as EngineStatus;
    },
    refetchInterval: 30_000,
  });
}
