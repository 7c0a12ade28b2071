"use client";

import { useEffect } from "react";
import { pendingEdit } from "@/lib/store/studio-store";
import { useStudioStoreApi } from "../studio/studio-store-provider";

/** Whether a click on this link leaves the page (not a new tab, a download or a jump within it). */
function leavesPage(event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const link = (event.target as Element | null)?.closest?.("a[href]");
  if (!(link instanceof HTMLAnchorElement) || link.hasAttribute("download") || (link.target && link.target !== "_self")) return false;
  const to = new URL(link.href, window.location.href);
  return to.pathname !== window.location.pathname || to.search !== window.location.search;
}

/**
 * A hand edit lives in the page until Resume makes it a round: leaving with one pending (a
 * History link, Fork, Batch runs, a reload, a closed tab) asks first, instead of losing it.
 */
export function UnsavedEditGuard() {
  const store = useStudioStoreApi();
  useEffect(() => {
    const pending = () => {
      const { loop, editDraft } = store.getState();
      return pendingEdit(loop, editDraft) ? (loop.rounds.find((r) => r.id === editDraft?.sourceRoundId) ?? null) : null;
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!pending()) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers ask only when this is set
    };
    const onClick = (event: MouseEvent) => {
      const round = pending();
      if (!round || !leavesPage(event)) return;
      if (window.confirm(`Leave this session? Your unsaved edit of round ${round.index} will be lost.`)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [store]);
  return null;
}
