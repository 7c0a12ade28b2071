"use client";

import { CompareDialog } from "../compare/compare-dialog";
import { EditorPanel } from "../editor/editor-panel";
import { EngineStatusLine } from "./engine-status-line";
import { LoopStatusBar } from "./loop-status-bar";
import { PromptPanel } from "./prompt-panel";
import { ResultPanel } from "./result-panel";
import { RoundsTimeline } from "./rounds-timeline";
import { StudioStoreProvider } from "./studio-store-provider";

export function Studio() {
  return (
    <StudioStoreProvider>
      <div className="flex min-h-screen flex-col">
        <header className="flex items-center gap-4 border-b border-slate-200 bg-white px-4 py-2">
          <h1 className="shrink-0 text-base font-semibold tracking-tight">IntroSVG Studio</h1>
          <div className="ml-auto min-w-0">
            <EngineStatusLine />
          </div>
        </header>
        <div className="border-b border-slate-200 bg-white px-4 py-3">
          <PromptPanel />
        </div>
        <div className="grid flex-1 grid-cols-1 gap-4 p-4 lg:grid-cols-[minmax(0,1fr)_minmax(420px,40%)]">
          <main className="flex min-w-0 flex-col gap-3">
            <LoopStatusBar />
            <RoundsTimeline />
          </main>
          <aside className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-4 lg:self-start" aria-label="Workbench">
            <ResultPanel />
            <EditorPanel />
          </aside>
        </div>
      </div>
      <CompareDialog />
    </StudioStoreProvider>
  );
}
