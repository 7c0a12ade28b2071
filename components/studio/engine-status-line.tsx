"use client";

import type { ProfileStatus, RoleStatus } from "@/lib/contract/status-contract";
import { useState } from "react";
import { useStudioStore } from "./studio-store-provider";
import { useEngineStatus } from "./use-engine-status";

function role(name: string, r: RoleStatus): string {
  const where = `${r.model ?? "no model"} @ ${r.engine.host}`;
  return r.reachable ? `${name} ${where}` : `${name} ${where} unreachable: ${r.error ?? "no answer"}`;
}

/** The selected profile's generator and critic: model, server, and whether each answers. */
export function profileLine(p: ProfileStatus): string {
  return `${p.label}: ${role("generator", p.generator)} · ${p.critic ? role("critic", p.critic) : "no critic (a single pass)"}`;
}

export function EngineStatusLine() {
  const { data, error, isPending, refetch, isFetching } = useEngineStatus();
  const selected = useStudioStore((s) => s.selectedProfile);
  const [expanded, setExpanded] = useState(false);
  let dot = "bg-slate-300";
  let text: string;
  let down = false;
  if (isPending) text = "Connecting to the engine…";
  else if (error) {
    dot = "bg-red-500";
    text = error.message;
    down = true;
  } else {
    const profile = data.profiles.find((p) => p.id === (selected ?? data.defaultProfile)) ?? data.profiles[0];
    const profileDown = profile && (!profile.generator.reachable || (profile.critic !== null && !profile.critic.reachable));
    down = !data.reachable || !!profileDown;
    dot = down ? "bg-red-500" : data.engine.kind === "builtin" ? "bg-amber-500" : "bg-emerald-500";
    const base = data.reachable ? data.engine.label : `${data.engine.label} — unreachable: ${data.error ?? "no answer"}`;
    text = profile ? `${base} · ${profileLine(profile)}` : `${base} · model ${data.model ?? "none"}`;
    // Offline, every profile is answered by the built-in engine in a house style of its own.
    if (data.engine.kind === "builtin") text += " · offline, the profiles are stand-ins";
  }
  return (
    <div role="status" aria-label="Engine status" className="flex min-w-0 items-center gap-2 text-xs text-slate-600">
      <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${dot}`} />
      {/* One line that fits the header; "More" shows the whole of it, wrapped, below. */}
      <span className={expanded ? "whitespace-normal break-words" : "truncate"} title={text}>
        {text}
      </span>
      <button
        type="button"
        aria-expanded={expanded}
        onClick={() => setExpanded((e) => !e)}
        className="shrink-0 rounded border border-slate-300 px-1.5 py-0.5 text-slate-700 hover:bg-slate-100"
      >
        {expanded ? "Less" : "More"}
        <span className="sr-only"> about the engine</span>
      </button>
      {down && (
        <button
          type="button"
          onClick={() => void refetch()}
          disabled={isFetching}
          className="shrink-0 rounded border border-slate-300 px-1.5 py-0.5 text-slate-700 hover:bg-slate-100 disabled:opacity-50"
        >
          Check again
        </button>
      )}
    </div>
  );
}
