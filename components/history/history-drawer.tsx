"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { HistorySidebar } from "./history-sidebar";

/**
 * Below the xl breakpoint the history sidebar becomes a drawer opened from the header: a modal
 * <dialog>, so focus stays inside while it is open (the page behind is inert), Esc closes it and
 * focus returns to the History button.
 */
export function HistoryDrawerButton() {
  // The page the drawer was opened on: opening a session (or a new one) from it closes it.
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean) => setOpenOn(next ? pathname : null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <div className="xl:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen(!open)}
        className="rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100"
      >
        History
      </button>
      <dialog
        ref={dialogRef}
        aria-label="History"
        // Esc (the browser's cancel) and any other close keep the state in step.
        onClose={() => setOpen(false)}
        className="m-0 h-full max-h-none w-full max-w-none bg-transparent p-0 backdrop:bg-transparent"
      >
        {open && (
          <div className="fixed inset-0 flex">
            <div className="h-full w-72 shadow-xl">
              <HistorySidebar />
            </div>
            <button type="button" aria-label="Close history" className="flex-1 cursor-default bg-slate-900/30" onClick={() => setOpen(false)} />
          </div>
        )}
      </dialog>
    </div>
  );
}
