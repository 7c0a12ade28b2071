"use client";

import { useEffect, useState } from "react";

/**
 * An element's content box, followed as it resizes (a pane being dragged, the window): pass
 * `ref` as the element's ref.
 */
export function useElementSize<T extends HTMLElement>(): [ref: (element: T | null) => void, size: { width: number; height: number }] {
  const [element, setElement] = useState<T | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry.contentRect.width);
      const height = Math.round(entry.contentRect.height);
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [setElement, size];
}
