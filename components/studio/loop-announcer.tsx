"use client";

import { useEffect } from "react";
import { loopAnnouncements } from "@/lib/loop/announcements";
import { LiveRegion, useLiveAnnouncer } from "../a11y/live-announcer";
import type { StudioStore } from "@/lib/store/studio-store";
import { useStudioStoreApi } from "./studio-store-provider";

/**
 * The studio's live region: "Round 2 started", "Round 2 scored 6.5", "Loop finished: best round
 * 2 scored 7.5", "Loop failed: …". Fed from every transition of the store (a render could skip
 * one), never per token. Opening a stored session announces nothing of its old rounds.
 */
export function LoopAnnouncer() {
  return <StoreLoopAnnouncer store={useStudioStoreApi()} />;
}

/** The same live region for a store of its own (the profile comparison's linked run); `prefix` names whose loop it is. */
export function StoreLoopAnnouncer({ store, prefix = "" }: { store: StudioStore; prefix?: string }) {
  const { messages, announce } = useLiveAnnouncer();
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        // A stored session opened (or reopened on a reload) is shown, not announced round by round.
        if (state.loop === previous.loop || state.lastLoopEvent === "loaded") return;
        announce(loopAnnouncements(previous.loop, state.loop).map((message) => `${prefix}${message}`));
      }),
    [store, announce, prefix],
  );
  return <LiveRegion label="Progress announcements" messages={messages} />;
}
