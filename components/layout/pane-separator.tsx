"use client";

import { Separator } from "react-resizable-panels";

/**
 * The handle between two panes: drag it, or focus it and use the arrow keys (the library gives
 * it the WAI-ARIA window-splitter role and keys). A visible grip, and the focus ring of the page.
 */
export function PaneSeparator({ label, orientation }: { label: string; orientation: "horizontal" | "vertical" }) {
  const across = orientation === "horizontal";
  return (
    <Separator
      aria-label={label}
      className={`group flex shrink-0 items-center justify-center rounded outline-none focus-visible:ring-2 focus-visible:ring-indigo-700 ${across ? "w-3" : "h-3"}`}
    >
      <span
        aria-hidden
        className={`rounded-full bg-slate-300 group-hover:bg-indigo-400 group-data-[separator=active]:bg-indigo-600 ${across ? "h-10 w-1" : "h-1 w-10"}`}
      />
    </Separator>
  );
}
