"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { selectActiveRound, selectShownRound } from "@/lib/loop/loop-selectors";
import { validateSvg } from "@/lib/svg/validate-svg";
import { pendingEdit } from "@/lib/store/studio-store";
import { SvgPreview } from "../studio/svg-preview";
import { useStudioStore } from "../studio/studio-store-provider";
import { LazySvgCodeEditor, preloadMonacoWhenIdle } from "./lazy-monaco";
import type { SvgCodeEditorHandle } from "./monaco-editors";
import { useThrottledValue } from "../studio/use-throttled-value";
import { useDebouncedValue } from "./use-debounced-value";
import { Group, Panel } from "react-resizable-panels";
import { PaneSeparator } from "../layout/pane-separator";
import { useRememberedLayout } from "../layout/remembered-layout";
import { useElementSize } from "../layout/use-element-size";
import { useWorkbenchWidth } from "../studio/studio-panes";

/**
 * Hand-editing the shown round's SVG. Keystrokes stay a draft (with a live, debounced,
 * sanitized preview and XML errors as editor markers) until Resume commits them as a
 * hand-edit round.
 */
export function EditorPanel() {
  const loop = useStudioStore((s) => s.loop);
  const selectedRoundId = useStudioStore((s) => s.selectedRoundId);
  const editDraft = useStudioStore((s) => s.editDraft);
  const editSvg = useStudioStore((s) => s.editSvg);
  const discardEdit = useStudioStore((s) => s.discardEdit);
  const round = selectShownRound(loop, selectedRoundId);
  const active = selectActiveRound(loop);
  const handle = useRef<SvgCodeEditorHandle | null>(null);
  const [editorReady, setEditorReady] = useState(false);
  // A Format failure describes the text it was asked to format, and goes with it.
  const [formatError, setFormatError] = useState<{ text: string; message: string } | null>(null);
  const { resizable, widened, toggleWidened } = useWorkbenchWidth();
  const split = useRememberedLayout("editor-split");
  useEffect(() => preloadMonacoWhenIdle(), []);

  const original = round ? (round.svg ?? round.modelText) : "";
  const draftHere = round && editDraft?.sourceRoundId === round.id ? editDraft.text : null;
  const text = draftHere ?? original;
  const streaming = round !== null && active?.id === round.id && round.phase === "generating";
  const dirty = pendingEdit(loop, editDraft) && draftHere !== null;
  // A streaming round reaches the (read-only) editor once a second: Monaco re-lays out the
  // whole growing line on each update, which cost long tasks when it followed every token.
  // Otherwise the editor gets every change at once: a lagging value would undo the user's typing.
  const throttledText = useThrottledValue(text, 1_000);
  const editorText = streaming ? throttledText : text;
  // Typing is judged once it pauses; any other change of text (another round, a session
  // opened, a Format) at once: a debounced value lagging behind it judged text no longer shown.
  const typed = useDebouncedValue(text, 250);
  const settledText = draftHere !== null ? typed : text;
  const validation = useMemo(() => validateSvg(settledText), [settledText]);
  const empty = settledText.trim() === "";
  // Nothing is judged before the editor shows the text, nor while it streams, nor when empty.
  const marker =
    editorReady && !streaming && !empty && !validation.ok ? { line: validation.line, column: validation.column, message: validation.message } : null;
  const notice = formatError && formatError.text === text ? formatError.message : null;

  if (!round) {
    return (
      <section aria-label="Editor" className="flex min-h-48 items-center justify-center rounded-lg border border-dashed border-slate-300 bg-white p-4">
        <p className="text-center text-sm text-slate-600">The SVG editor opens on a round once the loop has produced one.</p>
      </section>
    );
  }

  const handleFormat = async () => {
    // The formatter (an XML parser and builder) loads on first use: the first paint does without it.
    const { formatSvg } = await import("@/lib/svg/format-svg");
    const result = formatSvg(text);
    if (!result.ok) {
      setFormatError({ text, message: result.message });
      return;
    }
    setFormatError(null);
    if (handle.current) handle.current.replaceAll(result.svg);
    else editSvg(round.id, result.svg);
  };

  return (
    <section aria-label="Editor" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <h2 className="mr-auto min-w-0 text-sm font-semibold text-slate-800">
          Edit round {round.index}
          {streaming && <span className="ml-2 whitespace-nowrap text-xs font-normal text-slate-600">read-only while it streams</span>}
          {dirty && <span className="ml-2 whitespace-nowrap rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-800">Unsaved edit</span>}
        </h2>
        {/* One group that wraps as a whole: a lone button never drops to a line of its own. */}
        <div className="flex shrink-0 items-center gap-1.5" role="group" aria-label="Editor tools">
          <button type="button" onClick={() => void handleFormat()} disabled={streaming} className={TOOL}>
            Format
          </button>
          <button type="button" onClick={() => handle.current?.undo()} disabled={streaming} className={TOOL}>
            Undo
          </button>
          <button type="button" onClick={discardEdit} disabled={!dirty} className={TOOL}>
            Revert
          </button>
          {resizable && (
            <button
              type="button"
              onClick={toggleWidened}
              aria-pressed={widened}
              title={widened ? "Give the timeline its room back" : "Give the editor most of the window"}
              className={TOOL}
            >
              Widen editor
            </button>
          )}
        </div>
      </div>
      {/* Code above, its preview below: the code keeps the pane's whole width for its lines. */}
      <Group id="editor-split" orientation="vertical" defaultLayout={split.defaultLayout} onLayoutChanged={split.onLayoutChanged} style={{ height: "34rem" }}>
        <Panel id="code" defaultSize="72%" minSize="30%">
          <div className="h-full overflow-hidden rounded border border-slate-300" data-testid="svg-editor">
            <LazySvgCodeEditor
              value={editorText}
              readOnly={streaming}
              marker={marker}
              ariaLabel={`SVG code editor for round ${round.index}`}
              onChange={(next) => {
                if (!streaming) editSvg(round.id, next);
              }}
              onReady={(h) => {
                handle.current = h;
                setEditorReady(true);
              }}
            />
          </div>
        </Panel>
        <PaneSeparator label="Resize the code and its preview" orientation="vertical" />
        <Panel id="preview" defaultSize="28%" minSize="15%">
          <EditPreview
            key={round.id}
            // While the round streams, the same text and frames as its card's live preview.
            source={streaming ? round.modelText : settledText}
            streaming={streaming}
            label={`Edit preview of round ${round.index}`}
            caption={dirty ? "Your edit" : "Preview"}
          />
        </Panel>
      </Group>
      {marker ? (
        <p role="alert" className="text-xs text-red-700">
          XML error at line {marker.line}, column {marker.column}: {marker.message}
        </p>
      ) : notice ? (
        <p role="alert" className="text-xs text-red-700">
          {notice}
        </p>
      ) : (
        <p className="text-xs text-slate-600">
          {!editorReady
            ? ""
            : empty && !streaming
              ? `Round ${round.index} has no SVG yet; type or paste one to resume from it. `
              : dirty
                ? "Press Resume to send your edit to the critic: it becomes a hand-edit round and refinement continues from it. "
                : loop.status === "running"
                  ? "Pause to edit between steps, or edit a finished round. "
                  : "Edit the code to fix the drawing by hand, then Resume to have the critic judge it. "}
          In the editor, Ctrl+M makes Tab move focus instead of indenting.
        </p>
      )}
    </section>
  );
}

/** The edit's preview, as large as its pane allows. */
function EditPreview({ source, streaming, label, caption }: { source: string; streaming: boolean; label: string; caption: string }) {
  const [boxRef, box] = useElementSize<HTMLDivElement>();
  const size = Math.max(64, Math.min(box.width, box.height) - 4);
  return (
    <figure className="flex h-full flex-col items-center gap-1 pt-1">
      <div ref={boxRef} className="flex min-h-0 w-full flex-1 items-center justify-center">
        <SvgPreview source={source} streaming={streaming} label={label} size={size} />
      </div>
      <figcaption className="text-center text-xs text-slate-600">{caption}</figcaption>
    </figure>
  );
}
const TOOL = "rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50";
