"use client";

import dynamic from "next/dynamic";
import { EditorLoading } from "./editor-loading";

// Monaco is large: it loads only when an editor is first shown, so the studio's first paint stays light.
export const LazySvgCodeEditor = dynamic(() => import("./monaco-editors").then((m) => m.SvgCodeEditor), {
  ssr: false,
  loading: () => <EditorLoading />,
});

export const LazySvgDiffView = dynamic(() => import("./monaco-editors").then((m) => m.SvgDiffView), {
  ssr: false,
  loading: () => <EditorLoading what="diff" />,
});

/**
 * Loads Monaco while the page is idle, after the first paint: evaluating it is a long task,
 * better spent before the user's first run than when its first round starts streaming.
 */
export function preloadMonacoWhenIdle(): () => void {
  const load = () => void import("./monaco-editors");
  if (typeof window.requestIdleCallback !== "function") {
    const timer = setTimeout(load, 2_000);
    return () => clearTimeout(timer);
  }
  const handle = window.requestIdleCallback(load, { timeout: 5_000 });
  return () => window.cancelIdleCallback(handle);
}
