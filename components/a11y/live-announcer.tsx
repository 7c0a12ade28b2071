"use client";

import { useCallback, useRef, useState } from "react";

/** How many recent messages stay in the region (older ones are removed; only additions are read). */
const KEPT = 4;

/**
 * One polite live region: each message is added as a line of its own, so a screen reader reads
 * the new one (and only it) when it is done speaking; a burst of messages (a round scored and
 * the loop finished in the same moment) is read in full, not cut to its last.
 */
export function useLiveAnnouncer() {
  const [messages, setMessages] = useState<Array<{ id: number; text: string }>>([]);
  const next = useRef(0);
  const announce = useCallback((texts: string[]) => {
    if (texts.length === 0) return;
    setMessages((shown) => [...shown, ...texts.map((text) => ({ id: next.current++, text }))].slice(-KEPT));
  }, []);
  return { messages, announce };
}

export function LiveRegion({ label, messages }: { label: string; messages: Array<{ id: number; text: string }> }) {
  return (
    <div role="status" aria-live="polite" aria-atomic="false" aria-relevant="additions text" aria-label={label} className="sr-only">
      {messages.map((m) => (
        <p key={m.id}>{m.text}</p>
      ))}
    </div>
  );
}
