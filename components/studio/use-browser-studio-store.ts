"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { createBrowserStudioStore, endRunOnLeave, type BrowserStudioStoreOptions } from "@/lib/store/browser-studio-store";
import type { StudioStore } from "@/lib/store/studio-store";

/** The page's studio store, made once (createBrowserStudioStore), its run ended when the page goes. */
export function useBrowserStudioStore(options: Omit<BrowserStudioStoreOptions, "queryClient">): StudioStore {
  const queryClient = useQueryClient();
  const [store] = useState(() => createBrowserStudioStore({ ...options, queryClient }));
  useEffect(() => endRunOnLeave(store), [store]);
  return store;
}
