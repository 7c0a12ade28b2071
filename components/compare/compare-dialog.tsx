"use client";

import dynamic from "next/dynamic";
import { useEffect, useId, useRef } from "react";
import { useStudioStore } from "../studio/studio-store-provider";
import { tabbables } from "./focus";

// The comparison (its SVG formatter, colour parser, pixel diff) loads when first needed, or
// while the page is idle: none of it weighs on the studio's first paint.
const load = () => import("./compare-view").then((m) => m.CompareView);
const LazyCompareView = dynamic(load, {
  ssr: false,
  loading: () => <p className="p-6 text-sm text-slate-800">Loading the comparison…</p>,
});

/**
 * Two rounds compared the ways designers and researchers need: side by side at the same size,
 * by swipe, onion skin or pixel difference, critique against critique, and a readable code diff.
 * Keyboard: Tab cycles inside, Esc closes (focus returns to the opener), ←/→ move the right round.
 */
export function CompareDialog() {
  const compare = useStudioStore((s) => s.compare);
  const closeCompare = useStudioStore((s) => s.closeCompare);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (typeof window.requestIdleCallback !== "function") {
      const timer = setTimeout(() => void load(), 3_000);
      return () => clearTimeout(timer);
    }
    const handle = window.requestIdleCallback(() => void load(), { timeout: 10_000 });
    return () => window.cancelIdleCallback(handle);
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    // showModal makes the rest of the page inert; closing returns focus to the opener.
    if (compare && !dialog.open) dialog.showModal();
    if (!compare && dialog.open) dialog.close();
  }, [compare]);

  // Tab and Shift+Tab cycle inside the dialog instead of leaving it for the browser's own UI.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey) return;
      const all = tabbables(dialog);
      if (all.length === 0) return;
      const active = document.activeElement;
      if (!active || active === dialog || !dialog.contains(active)) {
        event.preventDefault();
        (event.shiftKey ? all[all.length - 1] : all[0]).focus();
        return;
      }
      // Inside the code editors focus may sit on an inner element: compare by document order.
      const position = (el: HTMLElement) => active.compareDocumentPosition(el);
      const anyAfter = all.some((el) => !active.contains(el) && (position(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
      const anyBefore = all.some((el) => !el.contains(active) && (position(el) & Node.DOCUMENT_POSITION_PRECEDING) !== 0);
      if (!event.shiftKey && !anyAfter) {
        event.preventDefault();
        all[0].focus();
      } else if (event.shiftKey && !anyBefore) {
        event.preventDefault();
        all[all.length - 1].focus();
      }
    };
    dialog.addEventListener("keydown", onKey);
    return () => dialog.removeEventListener("keydown", onKey);
  }, []);

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onClose={closeCompare}
      className="m-auto max-h-[94vh] w-[min(1400px,96vw)] max-w-none overflow-y-auto rounded-xl border border-slate-300 bg-slate-50 p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/50"
    >
      {compare && <LazyCompareView selection={compare} titleId={titleId} dialogRef={dialogRef} />}
    </dialog>
  );
}
