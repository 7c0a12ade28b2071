"use client";

import type { ReactNode } from "react";
import { Field } from "../ui/field";
import { REFERENCE_REFINEMENTS, type LoopMode, type LoopSettings } from "@/lib/loop/loop-types";
import { CANDIDATES_MAX } from "@/lib/loop/loop-schema";
import { ProfileSelect, settingsWithProfile, useProfiles } from "./profile-select";

interface LoopSettingsFieldsProps {
  settings: LoopSettings;
  onChange: (settings: LoopSettings) => void;
  /** Told when the user picks a profile (after `onChange` has the settings for it). */
  onProfile?: (profile: string) => void;
  /** More fields in the same group (the batch form's concurrency). */
  children?: ReactNode;
}

/**
 * The "Loop settings" group shared by the studio's prompt panel and the batch form: the profile,
 * the mode, and (in paper mode) how many refinements at most and the score that ends a loop.
 */
export function LoopSettingsFields({ settings, onChange, onProfile, children }: LoopSettingsFieldsProps) {
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
        value={settings.mode === "reference" ? REFERENCE_REFINEMENTS : settings.maxRefinements}
        disabled={settings.mode === "reference"}
        onChange={(maxRefinements) => onChange({ ...settings, maxRefinements })}
      />
      <NumberSetting
        label="Score threshold"
        min={0}
        max={10}
        step={0.1}
        value={settings.threshold}
        disabled={settings.mode === "reference"}
        onChange={(threshold) => onChange({ ...settings, threshold })}
      />
      <NumberSetting
        label="Candidates"
        min={1}
        max={CANDIDATES_MAX}
        value={settings.candidates ?? 1}
        hint="Drafts asked for at once, each with its own seed; the best valid one goes on"
        onChange={(candidates) => onChange(withCandidates(settings, candidates))}
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
  disabled?: boolean;
  /** Shown as the input's title (the field's label stays short). */
  hint?: string;
  onChange: (value: number) => void;
}

/** A labelled number input whose value is kept within [min, max]. */
export function NumberSetting({ label, value, min, max, step, disabled, hint, onChange }: NumberSettingProps) {
  return (
    <Field label={label}>
      {(id) => (
        <input
          id={id}
          type="number"
          min={min}
          max={max}
          step={step}
          value={value}
          disabled={disabled}
          title={hint}
          onChange={(e) => onChange(clamp(Number(e.target.value), min, max))}
          className="rounded border border-slate-300 px-1 py-1 text-sm disabled:bg-slate-100"
        />
      )}
    </Field>
  );
}

/** One candidate is the setting left out, so settings stored before candidates read the same. */
function withCandidates(settings: LoopSettings, candidates: number): LoopSettings {
  const rest = { ...settings };
  delete rest.candidates;
  return candidates > 1 ? { ...rest, candidates: Math.round(candidates) } : rest;
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
