"use client";

import { useId } from "react";
import type { ProfileStatus } from "@/lib/contract/status-contract";
import type { LoopSettings } from "@/lib/loop/loop-types";
import { useEngineStatus } from "./use-engine-status";
import { Field } from "../ui/field";

/** The profiles the studio offers (IntroSVG first) and its default, once the status has answered. */
export function useProfiles(): { profiles: ProfileStatus[]; defaultProfile: string | null } {
  const { data } = useEngineStatus();
  return { profiles: data?.profiles ?? [], defaultProfile: data?.defaultProfile ?? null };
}

/**
 * Settings with the profile made explicit, and a single pass exactly when the server says that
 * profile runs one (/api/status): the rule is the server's (lib/profiles/resolve-run.ts), which
 * stores the same settings whatever the browser sends.
 */
export function settingsWithProfile(settings: LoopSettings, profiles: readonly ProfileStatus[], fallback: string | null): LoopSettings {
  const id = settings.profile ?? fallback ?? undefined;
  const profile = profiles.find((p) => p.id === id);
  const { singlePass: _old, ...rest } = settings;
  void _old;
  return { ...rest, ...(id ? { profile: id } : {}), ...(profile?.singlePass ? { singlePass: true } : {}) };
}

/** One line about a profile: who writes, who judges. */
export function describeProfile(p: ProfileStatus): string {
  const role = (r: ProfileStatus["generator"]) => `${r.model ?? "first listed model"} @ ${r.engine.host}`;
  return `${p.label}: generator ${role(p.generator)}, ${p.critic ? `critic ${role(p.critic)}` : "no critic (a single pass)"}`;
}

interface ProfileSelectProps {
  value: string | undefined;
  onChange: (profile: string) => void;
}

/** The "Profile" select of the loop settings: which models write and judge. */
export function ProfileSelect({ value, onChange }: ProfileSelectProps) {
  const { profiles, defaultProfile } = useProfiles();
  const hint = useId();
  const selected = profiles.find((p) => p.id === (value ?? defaultProfile));
  const down = selected && (!selected.generator.reachable || (selected.critic && !selected.critic.reachable));
  return (
    <Field label="Profile" className="col-span-2 flex flex-col gap-0.5">
      {(id) => (
        <>
          <select
            id={id}
            value={value ?? defaultProfile ?? ""}
            onChange={(e) => onChange(e.target.value)}
            aria-describedby={hint}
            className="rounded border border-slate-300 bg-white px-1 py-1 text-sm"
          >
            {profiles.length === 0 && <option value="">IntroSVG</option>}
            {profiles.map((p) => (
              <option key={p.id} value={p.id} title={p.takesImage ? "Takes an image" : "Text only"}>
                {p.label}
                {!p.generator.reachable || (p.critic && !p.critic.reachable) ? " (server down)" : ""}
              </option>
            ))}
          </select>
          <p id={hint} className={`text-[11px] leading-tight ${down ? "text-red-700" : "text-slate-600"}`} data-testid="profile-hint">
            {selected
              ? down
                ? `Not answering: ${(!selected.generator.reachable ? selected.generator.error : selected.critic?.error) ?? "no answer"}`
                : selected.critic
                  ? `Critic: ${selected.critic.model ?? "first listed"} @ ${selected.critic.engine.host}`
                  : selected.singlePass
                    ? "No critic: a single pass, not scored."
                    : ""
              : ""}
            {profiles.length > 0 && (
              <span className="block">
                {(() => {
                  const taking = profiles.filter((p) => p.takesImage).map((p) => p.label);
                  return taking.length > 0 ? `Takes an image: ${taking.join(", ")}; the others draw from text only.` : "No profile takes an image.";
                })()}
              </span>
            )}
          </p>
        </>
      )}
    </Field>
  );
}
