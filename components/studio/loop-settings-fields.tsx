"use client";

import { useEffect, useId, useState, type ReactNode } from "react";
import { numberFieldProblem } from "@/lib/loop/field-problems";
import { Field } from "../ui/field";
import { REFERENCE_REFINEMENTS, type LoopMode, type LoopSettings } from "@/lib/loop/loop-types";
import { CANDIDATES_MAX } from "@/lib/loop/loop-limits";
import { ProfileSelect, settingsWithProfile, useProfiles } from "./profile-select";

interface LoopSettingsFieldsProps {
  settings: LoopSettings;
  onChange: (settings: LoopSettings) => void;
  /** Told when the user picks a profile (after `onChange` has the settings for it). */
  onProfile?: (profile: string) => void;
  /** Told when a field's value becomes unacceptable (a message) or acceptable again (null). */
  onProblem?: (field: string, problem: string | null) => void;
  /** More fields in the same group (the batch form's concurrency). */
  children?: ReactNode;
}

/**
 * The "Loop settings" group shared by the studio's prompt panel and the batch form: the profile,
 * the mode, and (in paper mode) how many refinements at most and the score that ends a loop.
 */
export function LoopSettingsFields({ settings, onChange, onProfile, onProblem, children }: LoopSettingsFieldsProps) {
  const { profiles, defaultProfile } = useProfiles();
  return (
    <fieldset className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 bg-white p-2">
      <legend className="px-1 text-xs font-medium text-slate-600">Loop settings</legend>
      <ProfileSelect
        value={settings.profile}
        onChange={(profile) => {
          onChange(settingsWithProfile({ ...settings, profile }, profiles, defaultProfile));
          onProfile?.(profile);
        }}
      />
      <Field label="Mode" className="col-span-2 flex flex-col gap-0.5">
        {(id) => (
          <select
            id={id}
            value={settings.mode}
            onChange={(e) => onChange({ ...settings, mode: e.target.value as LoopMode })}
            className="rounded border border-slate-300 bg-white px-1 py-1 text-sm"
          >
            <option value="paper">Paper (stop at threshold)</option>
            <option value="reference">Reference script (fixed 3 rounds)</option>
          </select>
        )}
      </Field>
      <NumberSetting
        label="Max refinements"
        min={0}
        max={10}
        integer
        value={settings.mode === "reference" ? REFERENCE_REFINEMENTS : settings.maxRefinements}
        disabled={settings.mode === "reference"}
        onChange={(maxRefinements) => onChange({ ...settings, maxRefinements })}
        onProblem={onProblem}
      />
      <NumberSetting
        label="Score threshold"
        min={0}
        max={10}
        step={0.1}
        value={settings.threshold}
        disabled={settings.mode === "reference"}
        onChange={(threshold) => onChange({ ...settings, threshold })}
        onProblem={onProblem}
      />
      <NumberSetting
        label="Candidates"
        min={1}
        max={CANDIDATES_MAX}
        value={settings.candidates ?? 1}
        integer
        hint="Drafts asked for at once, each with its own seed; the best valid one goes on"
        onChange={(candidates) => onChange(withCandidates(settings, candidates))}
        onProblem={onProblem}
      />
      {children}
    </fieldset>
  );
}

interface NumberSettingProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  /** Whole numbers only. */
  integer?: boolean;
  disabled?: boolean;
  /** Shown as the input's title (the field's label stays short). */
  hint?: string;
  /** Called with acceptable values only. */
  onChange: (value: number) => void;
  /** Told, by label, when what is typed is not acceptable (the message) or is again (null). */
  onProblem?: (field: string, problem: string | null) => void;
  className?: string;
}

/**
 * A labelled number input. What the user types stays as typed: a value outside [min, max] (or
 * not a number) is said under the field and reported through `onProblem`, never clamped.
 */
export function NumberSetting({ label, value, min, max, step, integer, disabled, hint, onChange, onProblem, className = "" }: NumberSettingProps) {
  const errorId = useId();
  // What the user typed, while it differs from the value (being typed, or not acceptable).
  const [typed, setTyped] = useState<string | null>(null);
  const problem = typed === null || disabled ? null : numberFieldProblem(typed, { label, min, max, integer });
  // A disabled field (reference mode) shows its fixed value and has nothing to object to.
  useEffect(() => {
    onProblem?.(label, problem);
  }, [label, problem, onProblem]);
  useEffect(() => () => onProblem?.(label, null), [label, onProblem]);
  return (
    <Field label={label} className={`flex flex-col gap-0.5 ${className}`}>
      {(id) => (
        <>
          <input
            id={id}
            type="number"
            min={min}
            max={max}
            step={step ?? (integer ? 1 : undefined)}
            value={disabled || typed === null ? value : typed}
            disabled={disabled}
            title={hint}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? errorId : undefined}
            onChange={(e) => {
              const text = e.target.value;
              setTyped(text);
              if (numberFieldProblem(text, { label, min, max, integer }) === null) onChange(Number(text));
            }}
            onBlur={() => {
              if (!problem) setTyped(null);
            }}
            className={`rounded border px-1 py-1 text-sm disabled:bg-slate-100 ${problem ? "border-red-500" : "border-slate-300"}`}
          />
          {problem && (
            <p id={errorId} className="text-xs text-red-700">
              {problem}
            </p>
          )}
        </>
      )}
    </Field>
  );
}

/** One candidate is the setting left out, so settings stored before candidates read the same. */
function withCandidates(settings: LoopSettings, candidates: number): LoopSettings {
  const rest = { ...settings };
  delete rest.candidates;
  return candidates > 1 ? { ...rest, candidates } : rest;
}
