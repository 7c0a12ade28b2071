"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { sessionApi } from "@/lib/clients/session-client";
import { createHttpModelPort } from "@/lib/clients/step-client";
import { coalesceCalls } from "@/lib/clients/coalesce-calls";
import { timedModelPort, timedRasterize } from "@/lib/clients/timed-ports";
import { rasterizeSvgInBrowser } from "@/lib/raster/browser";
import { measureInBrowser } from "@/lib/metrics/browser-image-match";
import { createStudioStore, type StudioState, type StudioStore } from "@/lib/store/studio-store";

const StudioStoreContext = createContext<StudioStore | null>(null);

export function StudioStoreProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // A loop saves after every step; the history list (and its thumbnails) follows once a second.
  const [refreshHistory] = useState(() => coalesceCalls(() => void queryClient.invalidateQueries({ queryKey: ["sessions"] }), 1_000));
  const [store] = useState(() =>
    createStudioStore({
      model: timedModelPort(createHttpModelPort()),
      rasterize: timedRasterize((svg) => rasterizeSvgInBrowser(svg)),
      measure: measureInBrowser,
      sessions: sessionApi,
      // The URL names the session without a navigation, which would remount the page and its run.
      onSessionCreated: (id) => window.history.replaceState(null, "", `/s/${id}`),
      onSaved: (id) => {
        refreshHistory();
        // Stale, not refetched: the open session is already loaded (its loader loads once), and
        // a refetch per save would download every round again, PNGs and all.
        void queryClient.invalidateQueries({ queryKey: ["session", id], refetchType: "none" });
      },
    }),
  );
  // Leaving the page (a History link, Fork, New session, a reload, a closed tab) ends its run
  // before the browser cancels its requests, so the cut-off step is not recorded as a failure:
  // the session reopens paused and Resume continues it.
  useEffect(() => {
    // beforeunload comes first: Chromium cancels a reloading page's fetches before pagehide.
    const leave = () => store.getState().dispose();
    window.addEventListener("beforeunload", leave);
    window.addEventListener("pagehide", leave);
    return () => {
      window.removeEventListener("beforeunload", leave);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [store]);
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
