"use client";

import { downloadUrl } from "@/lib/clients/download-file";
import { useStudioStore } from "../studio/studio-store-provider";

/** Where the session is kept: its save state and its exports. */
export function SessionBar() {
  const sessionId = useStudioStore((s) => s.sessionId);
  const save = useStudioStore((s) => s.save);
  if (!sessionId && save.status !== "error") return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
      {save.status === "error" ? (
        <span role="alert" className="text-red-700">
          Not saved: {save.message}
        </span>
      ) : (
        // A status, not read aloud on every save: the live region announces the rounds.
        <span role="status" aria-live="off" aria-label="Save status">
          {save.status === "saving" ? "Saving…" : "Saved"}
        </span>
      )}
      {sessionId && (
        <>
          {(["json", "zip"] as const).map((format) => (
            <button
              key={format}
              type="button"
              onClick={() => downloadUrl(`/api/sessions/${sessionId}/export?format=${format}`)}
              className="rounded border border-slate-300 px-1.5 py-0.5 hover:bg-slate-100"
            >
              Export {format.toUpperCase()}
            </button>
          ))}
        </>
      )}
    </div>
  );
}
