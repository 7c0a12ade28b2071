"use client";

import { useEffect, useState } from "react";
import type { OptimizedSvg } from "@/lib/export/optimize-svg";
import { optimizeSvgInBrowser } from "@/lib/export/optimize-in-browser";
import type { SvgPrecision } from "@/lib/export/svgo-config";

export type OptimizedState = { status: "working" } | { status: "ready"; result: OptimizedSvg } | { status: "failed"; message: string };

/** The round's optimized SVG at a precision, computed in the tab; the newest request wins. */
export function useOptimizedSvg(svg: string, precision: SvgPrecision): OptimizedState {
  const [state, setState] = useState<{ svg: string; precision: SvgPrecision; state: OptimizedState } | null>(null);
  useEffect(() => {
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
  }, [svg, precision]);
  return state && state.svg === svg && state.precision === precision ? state.state : { status: "working" };
}
