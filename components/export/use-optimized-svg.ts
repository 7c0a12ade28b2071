"use client";

import { useEffect, useState } from "react";
import type { OptimizedSvg } from "@/lib/export/optimize-svg";
import { optimizeSvgInBrowser } from "@/lib/export/optimize-in-browser";
import type { SvgPrecision } from "@/lib/export/svgo-config";
import { SLICED_SANITIZE_CHARS } from "@/lib/svg/sanitize-in-browser";

export type OptimizedState =
  | { status: "working" }
  | { status: "ready"; result: OptimizedSvg }
  | { status: "failed"; message: string }
  /** A large document, not optimized until asked (`optimize`). */
  | { status: "on-request"; optimize: () => void };

/**
 * The round's optimized SVG at a precision, computed in the tab; the newest request wins. A
 * document of SLICED_SANITIZE_CHARS or more waits to be asked: the optimizer's check sanitizes
 * and renders the whole document twice on the page's thread (DOMPurify alone took ~0.9 s of a
 * 500 kB SVG, Chromium's profiler), a freeze nobody should get just by opening a round.
 */
export function useOptimizedSvg(svg: string, precision: SvgPrecision): OptimizedState {
  const [state, setState] = useState<{ svg: string; precision: SvgPrecision; state: OptimizedState } | null>(null);
  const [askedFor, setAskedFor] = useState<string | null>(null);
  const waits = svg.length >= SLICED_SANITIZE_CHARS && askedFor !== svg;
  useEffect(() => {
    if (waits) return;
    let cancelled = false;
    optimizeSvgInBrowser(svg, precision)
      .then((result): OptimizedState => ({ status: "ready", result }))
      .catch((e: unknown): OptimizedState => ({ status: "failed", message: (e as Error).message }))
      .then((next) => {
        if (!cancelled) setState({ svg, precision, state: next });
      });
    return () => {
      cancelled = true;
    };
  }, [svg, precision, waits]);
  if (waits) return { status: "on-request", optimize: () => setAskedFor(svg) };
  return state && state.svg === svg && state.precision === precision ? state.state : { status: "working" };
}
