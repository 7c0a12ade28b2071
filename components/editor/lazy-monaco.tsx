"use client";

import dynamic from "next/dynamic";
import { EditorLoading } from "./editor-loading";

// Monaco is large: it loads only when an editor is first shown, so the studio's first paint stays light.
let loading: Promise<typeof import("./monaco-editors")> | null = null;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Monaco in steps, each evaluated in a task of its own: its core in four slices (the model, the
 * view, the services, the API), the features the editor uses, then the editors. Evaluating
 * them all at once was one task of 200–300 ms on this kind of machine, long enough to freeze
 * the page the moment an editor first appeared; the core alone was still ~160 ms.
 */
function loadMonacoEditors(): Promise<typeof import("./monaco-editors")> {
  loading ??= import("./monaco-core-model")
    .then(nextTask)
    .then(() => import("./monaco-core-view"))
    .then(nextTask)
    .then(() => import("./monaco-core-services"))
    .then(nextTask)
    .then(() => import("monaco-editor/editor/editor.api"))
    .then(nextTask)
    .then(() => import("./monaco-features"))
    .then(nextTask)
    .then(() => import("./monaco-editors"))
    .catch((e: unknown) => {
      loading = null; // a failed load (a dropped connection) is tried again next time
      throw e;
    });
  return loading;
}

export const LazySvgCodeEditor = dynamic(() => loadMonacoEditors().then((m) => m.SvgCodeEditor), {
  ssr: false,
  loading: () => <EditorLoading />,
});

export const LazySvgDiffView = dynamic(() => loadMonacoEditors().then((m) => m.SvgDiffView), {
  ssr: false,
  loading: () => <EditorLoading what="diff" />,
});

/**
 * Loads Monaco while the page is idle, after the first paint: evaluating it is a long task,
 * better spent before the user's first run than when its first round starts streaming.
 */
export function preloadMonacoWhenIdle(): () => void {
  const idle = (work: () => void) =>
    typeof window.requestIdleCallback === "function" ? window.requestIdleCallback(work, { timeout: 5_000 }) : setTimeout(work, 500);
  // Loaded, then warmed up (one throwaway editor) in an idle moment of its own.
  const load = () =>
    void loadMonacoEditors()
      .then((m) => idle(() => m.warmUpMonaco()))
      .catch(() => undefined);
  if (typeof window.requestIdleCallback !== "function") {
    const timer = setTimeout(load, 2_000);
    return () => clearTimeout(timer);
  }
  const handle = window.requestIdleCallback(load, { timeout: 5_000 });
  return () => window.cancelIdleCallback(handle);
}
