/**
 * A studio store as a browser page runs it, made in one place for the studio and the profile
 * comparison: the HTTP model port and the canvas rasterizer, both timed (User Timing, for the
 * benchmark), the sessions API, the history refreshed after saves, and the run ended before the
 * page goes away.
 */
import type { QueryClient } from "@tanstack/react-query";
import { coalesceCalls } from "../clients/coalesce-calls";
import { sessionApi } from "../clients/session-client";
import { createHttpModelPort } from "../clients/step-client";
import { timedModelPort, timedRasterize } from "../clients/timed-ports";
import { rasterizeSvgInBrowser } from "../raster/browser";
import { measureInBrowser } from "../metrics/browser-image-match";
import { queryKeys } from "./query-options";
import { createStudioStore, type StudioStore } from "./studio-store";

export interface BrowserStudioStoreOptions {
  queryClient: QueryClient;
  /** A new session's id, as soon as it has one: the URL names it without a navigation, which would remount the page and end its run. */
  onSessionCreated: (id: string) => void;
  /** "Compare with another profile": new sessions are linked to this one. */
  linkedFromId?: string;
}

export function createBrowserStudioStore({ queryClient, onSessionCreated, linkedFromId }: BrowserStudioStoreOptions): StudioStore {
  // A loop saves after every step; the history list (and its thumbnails) follows once a second.
  const refreshHistory = coalesceCalls(() => void queryClient.invalidateQueries({ queryKey: queryKeys.sessions }), 1_000);
  return createStudioStore({
    model: timedModelPort(createHttpModelPort()),
    rasterize: timedRasterize((svg) => rasterizeSvgInBrowser(svg)),
    measure: measureInBrowser,
    sessions: linkedFromId ? { ...sessionApi, create: (input) => sessionApi.create({ ...input, linkedFromId }) } : sessionApi,
    onSessionCreated,
    onSaved: (id) => {
      refreshHistory();
      // Stale, not refetched: the open session is already loaded (its loader loads once), and
      // a refetch per save would download every round again, PNGs and all.
      void queryClient.invalidateQueries({ queryKey: queryKeys.session(id), refetchType: "none" });
    },
  });
}

/**
 * Leaving the page (a link, Fork, New session, a reload, a closed tab) ends the store's run before
 * the browser cancels its requests, so the cut-off step is not recorded as a failure: the session
 * reopens paused and Resume continues it. Returns what undoes it (and ends the run then too).
 */
export function endRunOnLeave(store: StudioStore): () => void {
  // beforeunload comes first: Chromium cancels a reloading page's fetches before pagehide.
  const leave = () => void store.getState().dispose();
  window.addEventListener("beforeunload", leave);
  window.addEventListener("pagehide", leave);
  return () => {
    window.removeEventListener("beforeunload", leave);
    window.removeEventListener("pagehide", leave);
    leave();
  };
}
