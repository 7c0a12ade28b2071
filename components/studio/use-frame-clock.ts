"use client";

import { useEffect, useRef, useState } from "react";

/**
 * One clock for every streaming preview on the page: each tick, every preview takes the text it
 * is showing at that moment, in the same render. Two previews of one streaming round (its card,
 * the editor, the compare view) therefore always show the same frame, where a throttle of their
 * own let one show shapes while the other still waited.
 */
const FRAME_MS = 250;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    for (const l of listeners) l();
  }, FRAME_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** `value` sampled on the shared frame clock while `streaming`; otherwise `value` itself, at once. */
export function useFrameValue<T>(value: T, streaming: boolean): T {
  const latest = useRef(value);
  const [frame, setFrame] = useState(value);
  useEffect(() => {
    latest.current = value;
  });
  useEffect(() => {
    if (!streaming) return;
    return subscribe(() => setFrame(latest.current));
  }, [streaming]);
  return streaming ? frame : value;
}
