"use client";

import type { ReactNode } from "react";
import { Field } from "../ui/field";
import { REFERENCE_REFINEMENTS, type LoopMode, type LoopSettings } from "@/lib/loop/loop-types";
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
  onChange: (value: number) => void;
}

/** A labelled number input whose value is kept within [min, max]. */
export function NumberSetting({ label, value, min, max, step, disabled, onChange }: NumberSettingProps) {
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
          onChange={(e) => onChange(clamp(Number(e.target.value), min, max))}
          className="rounded border border-slate-300 px-1 py-1 text-sm disabled:bg-slate-100"
        />
      )}
    </Field>
  );
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
