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
