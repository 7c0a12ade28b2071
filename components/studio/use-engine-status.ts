"use client";

import { useQuery } from "@tanstack/react-query";
import { engineStatusOptions } from "@/lib/store/query-options";

export function useEngineStatus() {
  return useQuery(engineStatusOptions);
}
