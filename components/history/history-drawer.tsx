"use client";

import { useEffect, useState } from "react";
import { HistorySidebar } from "./history-sidebar";

/** Below the xl breakpoint the history sidebar becomes a drawer opened from the header. */
export function HistoryDrawerButton() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <div className="xl:hidden">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100"
      >
        History
      </button>
      {open && (
        <div className="fixed inset-0 z-40 flex">
          <div className="h-full w-72 shadow-xl">
            <HistorySidebar />
          </div>
          <button type="button" aria-label="Close history" className="flex-1 cursor-default bg-slate-900/30" onClick={() => setOpen(false)} />
        </div>
      )}
    </div>
  );
}
