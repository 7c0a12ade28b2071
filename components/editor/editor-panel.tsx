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
  const [notice, setNotice] = useState<string | null>(null);
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
  const settledText = useDebouncedValue(text, 250);
  const validation = useMemo(() => validateSvg(settledText), [settledText]);
  const empty = text.trim() === "";
  const marker =
    !streaming && !empty && !validation.ok ? { line: validation.line, column: validation.column, message: validation.message } : null;

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
      setNotice(result.message);
      return;
    }
    setNotice(null);
    if (handle.current) handle.current.replaceAll(result.svg);
    else editSvg(round.id, result.svg);
  };

  return (
    <section aria-label="Editor" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-center gap-1.5">
        <h2 className="mr-auto text-sm font-semibold text-slate-800">
          Edit round {round.index}
          {streaming && <span className="ml-2 text-xs font-normal text-slate-600">read-only while it streams</span>}
          {dirty && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-800">Unsaved edit</span>}
        </h2>
        <button type="button" onClick={() => void handleFormat()} disabled={streaming} className={TOOL}>
          Format
        </button>
        <button type="button" onClick={() => handle.current?.undo()} disabled={streaming} className={TOOL}>
          Undo
        </button>
        <button type="button" onClick={discardEdit} disabled={!dirty} className={TOOL}>
          Revert
        </button>
      </div>
      <div className="grid grid-cols-[minmax(0,1fr)_136px] gap-2">
        <div className="h-72 overflow-hidden rounded border border-slate-300" data-testid="svg-editor">
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
            }}
          />
        </div>
        <figure className="flex flex-col items-center gap-1">
          <SvgPreview key={round.id} source={settledText} streaming={streaming} label={`Edit preview of round ${round.index}`} size={136} />
          <figcaption className="text-center text-xs text-slate-600">{dirty ? "Your edit" : "Preview"}</figcaption>
        </figure>
      </div>
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
          {empty && !streaming
            ? `Round ${round.index} has no SVG yet; type or paste one to resume from it.`
            : dirty
            ? "Press Resume to send your edit to the critic: it becomes a hand-edit round and refinement continues from it."
            : loop.status === "running"
              ? "Pause to edit between steps, or edit a finished round."
              : "Edit the code to fix the drawing by hand, then Resume to have the critic judge it."}{" "}
          In the editor, Ctrl+M makes Tab move focus instead of indenting.
        </p>
      )}
    </section>
  );
}

const TOOL =
  "rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50";
