"use client";

import { useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { DEFAULT_SETTINGS, IMAGE_SESSION_PROMPT, type LoopSettings } from "@/lib/loop/loop-types";
import { LIMITS } from "@/lib/http/limits";
import { promptProblem } from "@/lib/loop/field-problems";
import { resumeAvailability } from "@/lib/store/studio-store";
import { useShallow } from "zustand/react/shallow";
import { useStudioStore, useStudioStoreApi } from "./studio-store-provider";
import { CompareProfilesButton } from "./compare-profiles-button";
import { ImageField } from "./image-field";
import { LoopSettingsFields, NumberSetting } from "./loop-settings-fields";
import { useFieldProblems } from "./use-field-problems";
import { settingsWithProfile, useProfiles } from "./profile-select";
import { ImportSvgInput, readSvgFile } from "./svg-import";
import { looksLikeSvg, readSvgImport } from "@/lib/svg/import-svg";
import { sanitizeSvgInBrowser } from "@/lib/svg/sanitize-in-browser";
import { droppedFileKind } from "@/lib/clients/dropped-file";
import type { ImportedSvg } from "@/lib/loop/run-controller";
import { SvgPreview } from "./svg-preview";

const EXAMPLES = [
  "a magnifying glass with a cross in the middle",
  "a hamburger with cheese and lettuce on it",
  "a blue line icon of a forklift",
  "a red heart with a white cross",
];

function isGenerateShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean {
  return event.key === "Enter" && (event.ctrlKey || event.metaKey);
}

interface PromptPanelProps {
  initialPrompt?: string;
  initialSettings?: LoopSettings;
}

export function PromptPanel({ initialPrompt = "", initialSettings = DEFAULT_SETTINGS }: PromptPanelProps) {
  const status = useStudioStore((s) => s.loop.status);
  const pauseRequested = useStudioStore((s) => s.loop.pauseRequested);
  const startLoop = useStudioStore((s) => s.startLoop);
  const stopLoop = useStudioStore((s) => s.stopLoop);
  const pauseLoop = useStudioStore((s) => s.pauseLoop);
  const resumeLoop = useStudioStore((s) => s.resumeLoop);
  const selectProfile = useStudioStore((s) => s.selectProfile);
  const { profiles, defaultProfile } = useProfiles();
  // What the user set, and nothing else: the field never changes by itself.
  const [moreRounds, setMoreRounds] = useState(0);
  const settingsProblems = useFieldProblems();
  const moreRoundsProblems = useFieldProblems();
  const resumeState = useStudioStore(useShallow((s) => resumeAvailability(s, moreRounds)));
  const resume = moreRoundsProblems.problems.length > 0 ? { enabled: false, reason: moreRoundsProblems.problems[0] } : resumeState;
  const [prompt, setPrompt] = useState(initialPrompt);
  const [settings, setSettings] = useState<LoopSettings>(initialSettings);
  const formRef = useRef<HTMLFormElement>(null);
  const generateRef = useRef<HTMLButtonElement>(null);
  const pauseRef = useRef<HTMLButtonElement>(null);
  const resumeRef = useRef<HTMLButtonElement>(null);
  const keepFocus = useFocusAfterDisable(formRef);
  const ids = { hint: useId(), promptError: useId(), generate: useId(), resume: useId(), importNote: useId() };
  const running = status === "running";
  const trimmed = prompt.trim();
  const selectedProfile = profiles.find((p) => p.id === (settings.profile ?? defaultProfile));
  const startFromImport = useStudioStore((s) => s.startFromImport);
  const storeApi = useStudioStoreApi();
  // An imported SVG waiting for its prompt, and what the last import said.
  const [staged, setStaged] = useState<(ImportedSvg & { name: string }) | null>(null);
  const [importNote, setImportNote] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const tooLong = prompt.length > LIMITS.promptChars;
  // With a picture the description may be left out: the critic then judges against a plain one.
  // An imported SVG needs its prompt (Generate then says so, and focuses the prompt).
  const emptyPromptAllowed = settings.target !== undefined || staged !== null;
  const promptIssue = tooLong || !emptyPromptAllowed ? promptProblem(prompt) : null;
  // Why Generate is disabled, said beside it: the prompt first, then any field that objects.
  const generateBlocker = promptIssue ?? settingsProblems.problems[0] ?? null;

  const loopSettings = () => settingsWithProfile(settings, profiles, defaultProfile);
  const generate = () => {
    if (generateBlocker) return;
    if (staged) {
      if (!trimmed) {
        setImportNote({ tone: "error", text: promptNeeded(staged.name) });
        promptRef.current?.focus();
        return;
      }
      startFromImport(trimmed, loopSettings(), staged);
      setStaged(null);
      setImportNote(null);
      return;
    }
    startLoop(trimmed || IMAGE_SESSION_PROMPT, loopSettings());
  };
  // A file chosen, dropped or pasted: read like model output; started at once when the prompt says what it should be.
  const importSvg = (name: string, text: string) => {
    const result = readSvgImport(text, sanitizeSvgInBrowser, LIMITS.svgBytes);
    if (!result.ok) {
      setImportNote({ tone: "error", text: `Could not import ${name}: ${result.message}` });
      return;
    }
    const imported = { name, text: result.text, svg: result.svg };
    const blank = result.blank ? " It draws nothing visible, though." : "";
    if (trimmed && !running) {
      startFromImport(trimmed, loopSettings(), imported);
      setStaged(null);
      setImportNote({ tone: "info", text: `Started from ${name}.${blank}` });
      return;
    }
    setStaged(imported);
    setImportNote({ tone: trimmed ? "info" : "error", text: (trimmed ? `${name} is ready: press Generate to start from it.` : promptNeeded(name)) + blank });
    if (!trimmed) promptRef.current?.focus();
  };
  // A file dropped onto the page arrives through the store; it is imported with the prompt as it is now.
  const importLatest = useRef(importSvg);
  useLayoutEffect(() => {
    importLatest.current = importSvg;
  });
  useEffect(
    () =>
      storeApi.subscribe((state) => {
        if (!state.droppedSvg) return;
        const { name, text } = state.droppedSvg;
        state.dropSvg(null);
        importLatest.current(name, text);
      }),
    [storeApi],
  );
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    generate();
  };
  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (isGenerateShortcut(event)) {
      event.preventDefault();
      generate();
    }
  };

  // Pause, Resume and Stop disable themselves when pressed: focus would fall back to the start
  // of the page. It goes to what comes next instead: Pause once the loop runs, Resume (or
  // Generate) once it has paused or stopped.
  useEffect(() => {
    if (running && pauseRequested) return; // Pausing: wait until it has paused.
    const next = running ? pauseRef.current : resume.enabled ? resumeRef.current : generateRef.current;
    keepFocus(next);
  });

  // Ctrl/Cmd+Enter generates from anywhere on the page, not only from the prompt box.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!isGenerateShortcut(event) || event.defaultPrevented) return;
      event.preventDefault();
      formRef.current?.requestSubmit();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <form
      ref={formRef}
      onSubmit={handleSubmit}
      className="grid grid-cols-1 items-start gap-3 md:grid-cols-[minmax(0,1fr)_280px] xl:grid-cols-[minmax(0,1fr)_280px_330px]"
      aria-label="Generate an icon"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="prompt" className="text-sm font-medium text-slate-800">
          Prompt
        </label>
        <textarea
          ref={promptRef}
          id="prompt"
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          onPaste={(e) => {
            // Pasted SVG code (or a copied .svg file) is a drawing to start from, not a prompt. A
            // pasted picture is left to the Image field, which takes it from the page.
            const svgFile = [...e.clipboardData.files].find((file) => droppedFileKind(file) === "svg");
            if (svgFile) {
              e.preventDefault();
              void readSvgFile(svgFile).then((text) => importLatest.current(svgFile.name, text));
              return;
            }
            const text = e.clipboardData.getData("text/plain");
            if (!looksLikeSvg(text)) return;
            e.preventDefault();
            importSvg("the pasted SVG", text);
          }}
          onKeyDown={handleKeyDown}
          rows={2}
          placeholder="Describe an icon, e.g. a magnifying glass with a cross in the middle"
          aria-describedby={[ids.hint, tooLong ? ids.promptError : null, importNote ? ids.importNote : null].filter(Boolean).join(" ")}
          aria-invalid={tooLong ? true : undefined}
          className={`w-full resize-y rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-600 ${tooLong ? "border-red-500" : "border-slate-300"}`}
        />
        <p id={ids.hint} className="flex justify-between gap-2 text-xs text-slate-600">
          <span>
            <kbd className="rounded border border-slate-300 bg-slate-100 px-1">Ctrl</kbd>+
            <kbd className="rounded border border-slate-300 bg-slate-100 px-1">Enter</kbd> to generate
          </span>
          <span className={`whitespace-nowrap tabular-nums ${tooLong ? "font-medium text-red-700" : ""}`}>
            {prompt.length.toLocaleString("en-US")} / {LIMITS.promptChars.toLocaleString("en-US")}
          </span>
        </p>
        {/* Nothing is cut: a prompt over the limit stays as typed or pasted, and says so. */}
        {tooLong && (
          <p id={ids.promptError} className="text-xs text-red-700">
            {promptIssue}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-1.5">
          <ImportSvgInput onFile={importSvg} />
          <span className="text-xs text-slate-600">or drop an .svg onto the page, or paste SVG code here: your drawing becomes round 1</span>
        </div>
        {staged && (
          <div className="flex items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 p-1.5" aria-label="Imported SVG" role="group">
            <SvgPreview source={staged.svg} streaming={false} label={`Imported ${staged.name}`} size={48} background="white" />
            <p className="min-w-0 flex-1 truncate text-xs text-indigo-900">Imported: {staged.name}. It becomes round 1 · Imported.</p>
            <button
              type="button"
              onClick={() => {
                setStaged(null);
                setImportNote(null);
              }}
              className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-100"
            >
              Discard import
            </button>
          </div>
        )}
        {importNote && (
          <p
            id={ids.importNote}
            role={importNote.tone === "error" ? "alert" : "status"}
            className={`text-xs ${importNote.tone === "error" ? "text-red-700" : "text-slate-700"}`}
          >
            {importNote.text}
          </p>
        )}
        <ImageField
          target={settings.target}
          onChange={(target) => setSettings(({ target: _old, ...rest }) => (void _old, target ? { ...rest, target } : rest))}
          onSvgFile={(file) => void readSvgFile(file).then((text) => importLatest.current(file.name, text))}
          takesImage={selectedProfile?.takesImage ?? false}
          profileLabel={selectedProfile?.label ?? "IntroSVG"}
          disabled={running}
        />
        {!trimmed && !settings.target && !staged && (
          <div className="flex flex-wrap gap-1.5" aria-label="Examples" role="group">
            {EXAMPLES.map((example) => (
              <button
                key={example}
                type="button"
                onClick={() => setPrompt(example)}
                className="rounded-full border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:border-indigo-400 hover:text-indigo-700"
              >
                {example}
              </button>
            ))}
          </div>
        )}
      </div>

      <LoopSettingsFields settings={settings} onChange={setSettings} onProfile={selectProfile} onProblem={settingsProblems.report} />

      <div className="flex flex-wrap items-end gap-2 md:col-span-2 xl:col-span-1">
        <button
          ref={generateRef}
          type="submit"
          disabled={generateBlocker !== null}
          aria-describedby={generateBlocker ? ids.generate : undefined}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:bg-indigo-300"
        >
          Generate
        </button>
        <button
          type="button"
          onClick={stopLoop}
          disabled={!running && status !== "paused"}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40"
        >
          Stop
        </button>
        <button
          ref={pauseRef}
          type="button"
          onClick={pauseLoop}
          disabled={!running || pauseRequested}
          title="Pause after the current step"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40"
        >
          {pauseRequested ? "Pausing…" : "Pause"}
        </button>
        <button
          ref={resumeRef}
          type="button"
          onClick={() => resumeLoop(moreRounds)}
          disabled={!resume.enabled}
          aria-describedby={status !== "idle" ? ids.resume : undefined}
          className="rounded-md border border-indigo-300 bg-indigo-50 px-3 py-2 text-sm font-medium text-indigo-800 hover:bg-indigo-100 disabled:cursor-not-allowed disabled:border-slate-300 disabled:bg-white disabled:text-slate-800 disabled:opacity-40"
        >
          Resume
        </button>
        <NumberSetting
          label="More rounds"
          min={0}
          max={10}
          integer
          value={moreRounds}
          onChange={setMoreRounds}
          onProblem={moreRoundsProblems.report}
          className="w-24"
        />
        <CompareProfilesButton />
        {/* Why Generate and Resume are what they are, in the page (not only in a tooltip). */}
        <div className="flex w-full flex-col gap-0.5 text-xs text-slate-600">
          {generateBlocker && !running && (
            <p id={ids.generate}>
              <span className="font-medium text-slate-700">Generate: </span>
              {generateBlocker}
            </p>
          )}
          {status !== "idle" && (
            <p id={ids.resume} role="status" aria-live="off" aria-label="Resume">
              <span className="font-medium text-slate-700">Resume: </span>
              {resume.reason}
            </p>
          )}
        </div>
      </div>
    </form>
  );
}

/**
 * Keeps keyboard focus in `container` when the control that has it is disabled (focus would
 * otherwise drop to the page's start): returns a function to call after each render with the
 * control to move to, which it does only while focus is lost — never away from where the user
 * has gone since (a click or focus elsewhere forgets the lost control).
 */
function useFocusAfterDisable(container: RefObject<HTMLElement | null>) {
  const lost = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      lost.current = container.current?.contains(event.target as Node) ? (event.target as HTMLElement) : null;
    };
    const onPointerDown = () => {
      lost.current = null;
    };
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("pointerdown", onPointerDown, true);
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("pointerdown", onPointerDown, true);
    };
  }, [container]);
  return (next: HTMLElement | null) => {
    const from = lost.current;
    if (!from || !next || next === from || (next as HTMLButtonElement).disabled) return;
    const active = document.activeElement;
    const focusLost = active === null || active === document.body || (active === from && (from as HTMLButtonElement).disabled);
    if (focusLost && (from as HTMLButtonElement).disabled) next.focus();
  };
}

function promptNeeded(name: string): string {
  return `Write a prompt for ${name} first: it says what the drawing should be, and the critic judges it against that. Then press Generate.`;
}
