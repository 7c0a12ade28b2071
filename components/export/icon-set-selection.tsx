"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { batchApi } from "@/lib/clients/batch-client";
import { downloadFile } from "@/lib/clients/download-file";
import { fileSlug } from "@/lib/export/file-names";

/**
 * Which of a job's items go into its icon set: all but some (the default: every item, and
 * those unticked), or only some (after "Select none"). Paged galleries show part of a job, so
 * "all" must mean the items not yet shown too.
 */
type Selection = { mode: "all" | "only"; ids: ReadonlySet<string> };

interface IconSetSelectionValue {
  selection: Selection;
  isIncluded: (id: string) => boolean;
  setIncluded: (id: string, included: boolean) => void;
  selectAll: () => void;
  selectNone: () => void;
}

const IconSetSelectionContext = createContext<IconSetSelectionValue | null>(null);

export function IconSetSelectionProvider({ children }: { children: ReactNode }) {
  const [selection, setSelection] = useState<Selection>({ mode: "all", ids: new Set() });
  const isIncluded = (id: string) => (selection.mode === "all" ? !selection.ids.has(id) : selection.ids.has(id));
  const setIncluded = (id: string, included: boolean) =>
    setSelection((s) => {
      const ids = new Set(s.ids);
      if (included === (s.mode === "only")) ids.add(id);
      else ids.delete(id);
      return { mode: s.mode, ids };
    });
  const value: IconSetSelectionValue = {
    selection,
    isIncluded,
    setIncluded,
    selectAll: () => setSelection({ mode: "all", ids: new Set() }),
    selectNone: () => setSelection({ mode: "only", ids: new Set() }),
  };
  return <IconSetSelectionContext.Provider value={value}>{children}</IconSetSelectionContext.Provider>;
}

function useIconSetSelection(): IconSetSelectionValue {
  const value = useContext(IconSetSelectionContext);
  if (!value) throw new Error("useIconSetSelection outside IconSetSelectionProvider");
  return value;
}

/** The tick on a gallery item: whether it goes into the icon set. */
export function IconSetCheckbox({ itemId, disabled }: { itemId: string; disabled: boolean }) {
  const { isIncluded, setIncluded } = useIconSetSelection();
  return (
    <label className="flex items-center gap-1 text-[11px] text-slate-700">
      <input
        type="checkbox"
        disabled={disabled}
        checked={!disabled && isIncluded(itemId)}
        onChange={(e) => setIncluded(itemId, e.target.checked)}
        aria-label={`Include ${itemId} in the icon set`}
      />
      In icon set
    </label>
  );
}

/** "Download icon set" (the chosen items' optimized SVGs, sprite, React components and contact sheet) with Select all / none. */
export function DownloadIconSet({ jobId, jobName, total }: { jobId: string; jobName: string; total: number }) {
  const { selection, selectAll, selectNone } = useIconSetSelection();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const count = selection.mode === "all" ? total - selection.ids.size : selection.ids.size;

  const download = async () => {
    setState({ busy: true, error: null });
    try {
      const choice = selection.mode === "all" ? (selection.ids.size ? { exclude: [...selection.ids] } : {}) : { ids: [...selection.ids] };
      const blob = await batchApi.iconSet(jobId, choice);
      downloadFile(`${fileSlug(jobName.replace(/\.csv$/i, "")) || "batch"}-icon-set.zip`, blob);
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: (e as Error).message });
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={state.busy || count === 0}
        onClick={() => void download()}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-50"
      >
        {state.busy ? "Making the icon set…" : "Download icon set"}
      </button>
      <span className="text-xs text-slate-600" aria-live="polite">
        {count} of {total} items in the icon set ·{" "}
        <button type="button" className="text-indigo-700 underline" onClick={selectAll}>
          Select all
        </button>{" "}
        ·{" "}
        <button type="button" className="text-indigo-700 underline" onClick={selectNone}>
          Select none
        </button>
      </span>
      {state.error && (
        <p role="alert" className="w-full text-xs text-red-700">
          The icon set could not be made: {state.error}
        </p>
      )}
    </div>
  );
}
