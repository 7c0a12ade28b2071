"use client";

import { createContext, useContext, type ReactNode } from "react";
import { useStore } from "zustand";
import type { StudioState, StudioStore } from "@/lib/store/studio-store";
import { useBrowserStudioStore } from "./use-browser-studio-store";

const StudioStoreContext = createContext<StudioStore | null>(null);

export function StudioStoreProvider({ children }: { children: ReactNode }) {
  const store = useBrowserStudioStore({ onSessionCreated: (id) => window.history.replaceState(null, "", `/s/${id}`) });
  return <StudioStoreContext.Provider value={store}>{children}</StudioStoreContext.Provider>;
}

export function useStudioStore<T>(selector: (state: StudioState) => T): T {
  const store = useContext(StudioStoreContext);
  if (!store) throw new Error("useStudioStore must be used inside <StudioStoreProvider>");
  return useStore(store, selector);
}

/** The store itself, for subscribers that follow every transition (the live region's announcements). */
export function useStudioStoreApi(): StudioStore {
  const store = useContext(StudioStoreContext);
  if (!store) throw new Error("useStudioStoreApi must be used inside <StudioStoreProvider>");
  return store;
}
