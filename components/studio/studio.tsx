"use client";

import Link from "next/link";
import { CompareDialog } from "../compare/compare-dialog";
import { EditorPanel } from "../editor/editor-panel";
import { UnsavedEditGuard } from "../editor/unsaved-edit-guard";
import { HistoryDrawerButton } from "../history/history-drawer";
import { HistorySidebar } from "../history/history-sidebar";
import { SessionBar } from "../history/session-bar";
import { SessionLoader } from "../history/session-loader";
import { EngineStatusLine } from "./engine-status-line";
import { LoopAnnouncer } from "./loop-announcer";
import { LoopStatusBar } from "./loop-status-bar";
import { PromptPanel } from "./prompt-panel";
import { ResultPanel } from "./result-panel";
import { RoundsTimeline } from "./rounds-timeline";
import { StudioPanes } from "./studio-panes";
import { CandidatesPanel } from "./candidates-panel";
import { SvgDropZone } from "./svg-import";
import { StudioStoreProvider, useStudioStore } from "./studio-store-provider";

/** The studio page; with a sessionId it reopens that stored session. */
export function Studio({ sessionId = null }: { sessionId?: string | null }) {
  return (
    <StudioStoreProvider>
      <div className="flex min-h-screen flex-col">
        <header className="flex items-center gap-4 border-b border-slate-200 bg-white px-4 py-2">
          {/* The first Tab stop: past the header and the history, straight to the prompt. */}
          <a
            href="#prompt"
            className="sr-only rounded bg-white px-2 py-1 text-sm font-medium text-indigo-800 focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:shadow"
          >
            Skip to the prompt
          </a>
          <HistoryDrawerButton />
          <h1 className="shrink-0 text-base font-semibold tracking-tight">IntroSVG Studio</h1>
          <nav aria-label="Pages" className="shrink-0 text-sm">
            <Link href="/batch" className="whitespace-nowrap font-medium text-indigo-700 hover:underline">
              Batch runs
            </Link>
          </nav>
          <div className="ml-auto min-w-0">
            <EngineStatusLine />
          </div>
        </header>
        <div className="grid flex-1 grid-cols-1 xl:grid-cols-[240px_minmax(0,1fr)]">
          <div className="hidden xl:block">
            <div className="sticky top-0 h-screen">
              <HistorySidebar />
            </div>
          </div>
          <div className="flex min-w-0 flex-col">
            <div className="border-b border-slate-200 bg-white px-4 py-3">
              <PromptPanelForSession />
            </div>
            <StudioPanes
              timeline={
                <main className="flex min-w-0 flex-col gap-3">
                  {sessionId && <SessionLoader sessionId={sessionId} />}
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <LoopStatusBar />
                    <SessionBar />
                  </div>
                  <CandidatesPanel />
                  <RoundsTimeline />
                </main>
              }
              workbench={
                <aside className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-4 lg:self-start" aria-label="Workbench">
                  <ResultPanel />
                  <EditorPanel />
                </aside>
              }
            />
          </div>
        </div>
      </div>
      <CompareDialog />
      <SvgDropZone />
      <LoopAnnouncer />
      <UnsavedEditGuard />
    </StudioStoreProvider>
  );
}

/** The prompt form starts from the loaded session's prompt and settings. */
function PromptPanelForSession() {
  const loadCount = useStudioStore((s) => s.loadCount);
  const prompt = useStudioStore((s) => s.loop.prompt);
  const settings = useStudioStore((s) => s.loop.settings);
  return <PromptPanel key={loadCount} initialPrompt={prompt} initialSettings={settings} />;
}
