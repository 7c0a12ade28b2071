"use client";

import Editor, { DiffEditor, type OnMount } from "@monaco-editor/react";
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { EditorLoading } from "./editor-loading";
import { EDITOR_THEME, monaco } from "./monaco-setup";

export interface SvgMarker {
  line: number;
  column: number;
  message: string;
}

export interface SvgCodeEditorHandle {
  undo: () => void;
  /** Replaces the whole text as one undoable edit (so Undo reverts a Format). */
  replaceAll: (text: string) => void;
}

interface SvgCodeEditorProps {
  value: string;
  readOnly: boolean;
  marker: SvgMarker | null;
  onChange: (value: string) => void;
  onReady?: (handle: SvgCodeEditorHandle) => void;
  ariaLabel: string;
}

const MARKER_OWNER = "svg-xml";
const LONG_TEXT_CHARS = 100_000;

const CODE_EDITOR_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  // Model output is untrusted: its URLs are not made clickable.
  links: false,
  minimap: { enabled: false },
  wordWrap: "on",
  // Wrapped lines start where their line starts, and the gutter stays narrow: the code pane's
  // width goes to the code.
  wrappingIndent: "same",
  glyphMargin: false,
  lineDecorationsWidth: 6,
  fontSize: 12,
  lineNumbersMinChars: 3,
  scrollBeyondLastLine: false,
  automaticLayout: true,
  tabSize: 2,
  renderValidationDecorations: "on",
};

/**
 * Creates and disposes one editor out of sight. The first editor of a page instantiates
 * Monaco's services and measures its font, a task of ~50 ms that otherwise landed the moment a
 * run's first round appeared; called when the page is idle, later editors start warm.
 */
let warmedUp = false;

export function warmUpMonaco(): void {
  if (warmedUp) return;
  warmedUp = true;
  const host = document.createElement("div");
  host.setAttribute("aria-hidden", "true");
  host.style.cssText = "position:fixed;left:-10000px;top:0;width:320px;height:120px;visibility:hidden";
  document.body.appendChild(host);
  const editor = monaco.editor.create(host, {
    ...CODE_EDITOR_OPTIONS,
    value: "<svg/>",
    language: "xml",
    theme: EDITOR_THEME,
    readOnly: true,
    automaticLayout: false,
  });
  setTimeout(() => {
    const model = editor.getModel();
    editor.dispose();
    model?.dispose();
    host.remove();
  }, 0);
}

export function SvgCodeEditor({ value, readOnly, marker, onChange, onReady, ariaLabel }: SvgCodeEditorProps) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  // @monaco-editor/react applies a new `value` to a read-only editor with setValue, which fires
  // onChange, possibly through a handler from an earlier render. Only a change that differs
  // from the latest value prop, in an editable editor, is the user's.
  const latest = useRef({ value, readOnly, onChange });
  // A layout effect runs before the library's own (passive) effect applies the new value.
  useLayoutEffect(() => {
    latest.current = { value, readOnly, onChange };
  });
  const handleChange = (next: string | undefined) => {
    const { value: current, readOnly: locked, onChange: report } = latest.current;
    if (locked || next === undefined || next === current) return;
    report(next);
  };

  // One options object per change that matters: a new object on every render made the wrapper
  // call updateOptions on each streamed flush. A very long text is not wrapped: wrapping a
  // 500 kB single-line SVG is tens of milliseconds of Monaco's time whenever it is laid out.
  const unwrapped = value.length > LONG_TEXT_CHARS;
  const options = useMemo<monaco.editor.IStandaloneEditorConstructionOptions>(
    () => ({
      ...CODE_EDITOR_OPTIONS,
      readOnly,
      readOnlyMessage: { value: "This round is still streaming; edit it once it has finished." },
      ariaLabel,
      ...(unwrapped ? { wordWrap: "off" } : {}),
    }),
    [readOnly, ariaLabel, unwrapped],
  );

  const handleMount: OnMount = (editor) => {
    editorRef.current = editor;
    // A paste leaves the caret at its end; in a long unwrapped line that scrolled the view
    // sideways, cutting off the start of every line. The text is shown from its left edge.
    editor.onDidPaste(() => editor.setScrollLeft(0));
    // The text may have moved on while Monaco was loading.
    if (editor.getValue() !== latest.current.value) editor.setValue(latest.current.value);
    onReady?.({
      undo: () => {
        editor.focus();
        editor.trigger("toolbar", "undo", null);
      },
      replaceAll: (text) => {
        const model = editor.getModel();
        if (!model) return;
        editor.pushUndoStop();
        editor.executeEdits("format", [{ range: model.getFullModelRange(), text }]);
        editor.pushUndoStop();
      },
    });
  };

  // The text is applied here rather than through the wrapper's `value`, which replaces the whole
  // text on every change of a read-only editor: Monaco then re-tokenized and re-wrapped all of a
  // streaming SVG once a second. A streaming round only grows at its end, so only the new end is
  // appended; anything else replaces the text (as one undoable edit when editable).
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const current = model.getValue();
    if (value === current) return;
    if (readOnly && current && value.startsWith(current)) {
      const end = model.getFullModelRange().getEndPosition();
      model.applyEdits([{ range: monaco.Range.fromPositions(end), text: value.slice(current.length) }]);
    } else if (readOnly) {
      editor.setValue(value);
    } else {
      editor.executeEdits("", [{ range: model.getFullModelRange(), text: value, forceMoveMarkers: true }]);
      editor.pushUndoStop();
    }
    // A new text (another round, Revert) is shown from its left edge.
    editor.setScrollLeft(0);
  }, [value, readOnly]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      marker
        ? [
            {
              severity: monaco.MarkerSeverity.Error,
              message: marker.message,
              startLineNumber: marker.line,
              startColumn: Math.max(1, marker.column - 1),
              endLineNumber: marker.line,
              endColumn: Math.max(2, marker.column + 1),
            },
          ]
        : [],
    );
  }, [marker, value]);

  return (
    <Editor
      theme={EDITOR_THEME}
      height="100%"
      language="xml"
      defaultValue={value}
      onChange={handleChange}
      onMount={handleMount}
      loading={<EditorLoading />}
      options={options}
    />
  );
}

interface SvgDiffViewProps {
  original: string;
  modified: string;
  /** Accessible names of the two read-only editors (each is a textbox of its own). */
  originalAriaLabel: string;
  modifiedAriaLabel: string;
}

export function SvgDiffView({ original, modified, originalAriaLabel, modifiedAriaLabel }: SvgDiffViewProps) {
  const diffRef = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  // @monaco-editor/react 4.7 disposes the diff's models before the widget, which Monaco reports
  // as "TextModel got disposed before DiffEditorWidget model got reset"
  // (suren-atoyan/monaco-react#647). Keep the models, detach them first, then dispose them.
  useLayoutEffect(
    () => () => {
      const editor = diffRef.current;
      const models = editor?.getModel();
      editor?.setModel(null);
      models?.original.dispose();
      models?.modified.dispose();
    },
    [],
  );
  // A new options object on every render would make the wrapper call updateOptions each time.
  const options = useMemo<monaco.editor.IDiffEditorConstructionOptions>(
    () => ({
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      // Left stays left and right stays right, however narrow the window.
      useInlineViewWhenSpaceIsLimited: false,
      wordWrap: "on",
      diffWordWrap: "on",
      // Model output is untrusted: its URLs are not made clickable.
      links: false,
      // Read-only: Tab moves on to the next control instead of staying in the editor.
      tabFocusMode: true,
      minimap: { enabled: false },
      fontSize: 12,
      lineNumbersMinChars: 3,
      automaticLayout: true,
      scrollBeyondLastLine: false,
      originalAriaLabel,
      modifiedAriaLabel,
    }),
    [originalAriaLabel, modifiedAriaLabel],
  );
  return (
    <DiffEditor
      keepCurrentOriginalModel
      keepCurrentModifiedModel
      onMount={(editor) => {
        diffRef.current = editor;
        // The diff editor gives its two editors these names when it is created, and drops them
        // again whenever its options are updated: keep each editor's own name on it.
        const named: Array<[monaco.editor.ICodeEditor, string]> = [
          [editor.getOriginalEditor(), originalAriaLabel],
          [editor.getModifiedEditor(), modifiedAriaLabel],
        ];
        for (const [side, label] of named) {
          const keep = () => {
            if (side.getOption(monaco.editor.EditorOption.ariaLabel) !== label) side.updateOptions({ ariaLabel: label });
          };
          keep();
          side.onDidChangeConfiguration((e) => {
            if (e.hasChanged(monaco.editor.EditorOption.ariaLabel)) keep();
          });
        }
      }}
      theme={EDITOR_THEME}
      height="100%"
      language="xml"
      original={original}
      modified={modified}
      loading={<EditorLoading />}
      options={options}
    />
  );
}
