"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { DEFAULT_SETTINGS, IMAGE_SESSION_PROMPT, type LoopSettings } from "@/lib/loop/loop-types";
import { LIMITS } from "@/lib/http/limits";
import { refinementBudget, refinementsSpent } from "@/lib/loop/next-step";
import { resumeAvailability } from "@/lib/store/studio-store";
import { useShallow } from "zustand/react/shallow";
import { useStudioStore } from "./studio-store-provider";
import { CompareProfilesButton } from "./compare-profiles-button";
import { ImageField } from "./image-field";
import { LoopSettingsFields } from "./loop-settings-fields";
import { settingsWithProfile, useProfiles } from "./profile-select";
import { Field } from "../ui/field";

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
  const remaining = useStudioStore((s) => Math.max(0, refinementBudget(s.loop) - refinementsSpent(s.loop)));
  const [moreRoundsInput, setMoreRoundsInput] = useState<number | null>(null);
  // By default Resume continues with the rounds that remain, or grants one more when none do.
  const moreRounds = moreRoundsInput ?? (remaining > 0 ? 0 : 1);
  const resume = useStudioStore(useShallow((s) => resumeAvailability(s, moreRounds)));
  const [prompt, setPrompt] = useState(initialPrompt);
  const [settings, setSettings] = useState<LoopSettings>(initialSettings);
  const formRef = useRef<HTMLFormElement>(null);
  const generateRef = useRef<HTMLButtonElement>(null);
  const pauseRef = useRef<HTMLButtonElement>(null);
  const resumeRef = useRef<HTMLButtonElement>(null);
  const keepFocus = useFocusAfterDisable(formRef);
  const ids = { hint: useId(), resume: useId() };
  const running = status === "running";
  const trimmed = prompt.trim();
  const selectedProfile = profiles.find((p) => p.id === (settings.profile ?? defaultProfile));
  // With a picture the description may be left out: the critic then judges against a plain one.
  const canGenerate = trimmed !== "" || settings.target !== undefined;

  const generate = () => {
    if (canGenerate) startLoop(trimmed || IMAGE_SESSION_PROMPT, settingsWithProfile(settings, profiles, defaultProfile));
  };
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
          id="prompt"
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          onKeyDown={handleKeyDown}
          maxLength={LIMITS.promptChars}
          rows={2}
          placeholder="Describe an icon, e.g. a magnifying glass with a cross in the middle"
          aria-describedby={ids.hint}
          className="w-full resize-y rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-600"
        />
        <p id={ids.hint} className="flex justify-between text-xs text-slate-600">
          <span>
            <kbd className="rounded border border-slate-300 bg-slate-100 px-1">Ctrl</kbd>+
            <kbd className="rounded border border-slate-300 bg-slate-100 px-1">Enter</kbd> to generate
          </span>
          <span>
            {prompt.length} / {LIMITS.promptChars}
          </span>
        </p>
        <ImageField
          target={settings.target}
          onChange={(target) => setSettings(({ target: _old, ...rest }) => (void _old, target ? { ...rest, target } : rest))}
          takesImage={selectedProfile?.takesImage ?? false}
          profileLabel={selectedProfile?.label ?? "IntroSVG"}
          disabled={running}
        />
        {!trimmed && !settings.target && (
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


      <LoopSettingsFields settings={settings} onChange={setSettings} onProfile={selectProfile} />

      <div className="flex flex-wrap items-center gap-2 md:col-span-2 xl:col-span-1">
        <button
          ref={generateRef}
          type="submit"
          disabled={!canGenerate}
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
          title={resume.reason}
          aria-describedby={ids.resume}
          className="rounded-md border border-indigo-300 bg-indigo-50 px-3 py-2 text-sm font-medium text-indigo-800 hover:bg-indigo-100 disabled:cursor-not-allowed disabled:border-slate-300 disabled:bg-white disabled:text-slate-800 disabled:opacity-40"
        >
          Resume
        </button>
        <Field label="More rounds" className="flex items-center gap-1">
          {(id) => (
            <input
              id={id}
              type="number"
              min={0}
              max={10}
              value={moreRounds}
              onChange={(e) => setMoreRoundsInput(clamp(Number(e.target.value), 0, 10))}
              className="w-14 rounded border border-slate-300 px-1 py-1 text-sm"
            />
          )}
        </Field>
        <CompareProfilesButton />
        <p id={ids.resume} className="sr-only">
          {resume.reason}
        </p>
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

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
