"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { useStudioStore } from "./studio-store-provider";
import { useProfiles } from "./profile-select";

/**
 * "Compare with another profile": runs this session's prompt and settings with a second
 * profile, as a session linked to this one, and opens both side by side (/compare).
 */
export function CompareProfilesButton() {
  const router = useRouter();
  const sessionId = useStudioStore((s) => s.sessionId);
  const status = useStudioStore((s) => s.loop.status);
  const current = useStudioStore((s) => s.loop.settings.profile);
  const hasRounds = useStudioStore((s) => s.loop.rounds.length > 0);
  const { profiles, defaultProfile } = useProfiles();
  const [open, setOpen] = useState(false);
  const others = profiles.filter((p) => p.id !== (current ?? defaultProfile));
  const [choice, setChoice] = useState<string | null>(null);
  const second = choice ?? others[0]?.id ?? "";
  const ids = { select: useId(), panel: useId() };

  let reason = "Run this prompt with a second profile and see both runs side by side.";
  if (!sessionId) reason = "Generate first: the comparison runs this session's prompt with another profile.";
  else if (status === "running") reason = "Wait until the loop is done (or stop it) to compare.";
  else if (!hasRounds) reason = "This session has no rounds yet: start it first, then compare.";
  else if (others.length === 0) reason = "There is no other profile to compare with.";
  const enabled = !!sessionId && status !== "running" && hasRounds && others.length > 0;

  // Like any popover: Esc (focus back on the button) or a click outside closes it.
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      toggle.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <div className="relative" ref={root}>
      <button
        ref={toggle}
        type="button"
        disabled={!enabled}
        title={reason}
        aria-expanded={open}
        aria-controls={ids.panel}
        onClick={() => setOpen((o) => !o)}
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40"
      >
        Compare with another profile
      </button>
      {open && enabled && (
        <div id={ids.panel} className="absolute right-0 z-20 mt-1 flex w-72 flex-col gap-2 rounded-md border border-slate-300 bg-white p-3 shadow-lg">
          <label htmlFor={ids.select} className="text-xs text-slate-600">
            Second profile
          </label>
          <select
            id={ids.select}
            value={second}
            onChange={(e) => setChoice(e.target.value)}
            className="rounded border border-slate-300 bg-white px-1 py-1 text-sm"
          >
            {others.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => router.push(`/compare?left=${encodeURIComponent(sessionId!)}&profile=${encodeURIComponent(second)}`)}
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
          >
            Run and compare
          </button>
        </div>
      )}
    </div>
  );
}
