"use client";

import { useEngineStatus } from "./use-engine-status";

export function EngineStatusLine() {
  const { data, error, isPending, refetch, isFetching } = useEngineStatus();
  let dot = "bg-slate-300";
  let text: string;
  if (isPending) text = "Connecting to the engine…";
  else if (error) {
    dot = "bg-red-500";
    text = error.message;
  } else if (!data.reachable) {
    dot = "bg-red-500";
    text = `${data.engine.label} — unreachable: ${data.error ?? "no answer"}`;
  } else {
    dot = data.engine.kind === "builtin" ? "bg-amber-500" : "bg-emerald-500";
    const critic = data.criticModel && data.criticModel !== data.model ? ` · critic ${data.criticModel}` : "";
    text = `${data.engine.label} · model ${data.model ?? "none"}${critic}`;
  }
  return (
    <div role="status" aria-label="Engine status" className="flex min-w-0 items-center gap-2 text-xs text-slate-600">
      <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${dot}`} />
      <span className="truncate" title={text}>
        {text}
      </span>
      {(error || (data && !data.reachable)) && (
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
