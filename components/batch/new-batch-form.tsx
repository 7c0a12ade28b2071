"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type ChangeEvent, type DragEvent, type FormEvent } from "react";
import { batchApi } from "@/lib/clients/batch-client";
import { MAX_BATCH_CONCURRENCY, MAX_CSV_CHARS } from "@/lib/contract/batch-contract";
import { DEFAULT_SETTINGS, REFERENCE_REFINEMENTS, type LoopMode, type LoopSettings } from "@/lib/loop/loop-types";

interface ChosenFile {
  name: string;
  text: string;
}

/** Lines that hold a record, roughly (quoted line breaks count twice): for the "N prompts" hint only. */
function roughRowCount(text: string): number {
  return Math.max(0, text.split(/\r?\n/).filter((line) => line.trim() !== "").length - 1);
}

/** The form that starts a job: a prompts CSV (chosen or dropped), the loop settings, a concurrency. */
export function NewBatchForm() {
  const ids = { file: useId(), mode: useId(), hint: useId(), error: useId() };
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [settings, setSettings] = useState<LoopSettings>(DEFAULT_SETTINGS);
  const [concurrency, setConcurrency] = useState(8);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: (input: Parameters<typeof batchApi.create>[0]) => batchApi.create(input),
    onSuccess: (id) => {
      void queryClient.invalidateQueries({ queryKey: ["batch-jobs"] });
      router.push(`/batch/${id}`);
    },
    onError: (e) => setError((e as Error).message),
  });

  const choose = async (chosen: File | undefined) => {
    setError(null);
    if (!chosen) return;
    if (chosen.size > MAX_CSV_CHARS) {
      setFile(null);
      setError(`${chosen.name} is larger than 8 MB.`);
      return;
    }
    setFile({ name: chosen.name, text: await chosen.text() });
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    // Cleared, so choosing the same file again (fixed) is a change too.
    event.target.value = "";
    void choose(chosen);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void choose(event.dataTransfer.files[0]);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError("Choose a prompts CSV first.");
      return;
    }
    setError(null);
    start.mutate({ name: file.name, csv: file.text, settings, concurrency });
  };

  return (
    <form onSubmit={submit} aria-label="New batch" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3">
      <h2 className="text-sm font-semibold text-slate-800">New batch</h2>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex flex-col gap-1 rounded-md border-2 border-dashed p-3 ${dragging ? "border-indigo-400 bg-indigo-50" : "border-slate-300"}`}
      >
        <label htmlFor={ids.file} className="text-sm font-medium text-slate-800">
          Prompts CSV
        </label>
        <input
          id={ids.file}
          type="file"
          accept=".csv,text/csv"
          onChange={onChange}
          aria-describedby={`${ids.hint}${error ? ` ${ids.error}` : ""}`}
          className="text-sm file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-1 file:text-sm"
        />
        <p id={ids.hint} className="text-xs text-slate-600">
          {file ? (
            <>
              <span className="font-medium text-slate-700">{file.name}</span> · about {roughRowCount(file.text)} prompts
            </>
          ) : (
            <>Choose or drop a CSV with a header naming columns id and desc.</>
          )}
        </p>
      </div>

      <fieldset className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 p-2">
        <legend className="px-1 text-xs font-medium text-slate-600">Loop settings</legend>
        <div className="col-span-2 flex flex-col gap-0.5">
          <label htmlFor={ids.mode} className="text-xs text-slate-600">
            Mode
          </label>
          <select
            id={ids.mode}
            value={settings.mode}
            onChange={(e) => setSettings({ ...settings, mode: e.target.value as LoopMode })}
            className="rounded border border-slate-300 bg-white px-1 py-1 text-sm"
          >
            <option value="paper">Paper (stop at threshold)</option>
            <option value="reference">Reference script (fixed 3 rounds)</option>
          </select>
        </div>
        <NumberSetting
          label="Max refinements"
          min={0}
          max={10}
          value={settings.mode === "reference" ? REFERENCE_REFINEMENTS : settings.maxRefinements}
          disabled={settings.mode === "reference"}
          onChange={(maxRefinements) => setSettings({ ...settings, maxRefinements })}
        />
        <NumberSetting
          label="Score threshold"
          min={0}
          max={10}
          step={0.1}
          value={settings.threshold}
          disabled={settings.mode === "reference"}
          onChange={(threshold) => setSettings({ ...settings, threshold })}
        />
        <NumberSetting label="Concurrency" min={1} max={MAX_BATCH_CONCURRENCY} value={concurrency} onChange={(n) => setConcurrency(Math.round(n))} />
      </fieldset>

      {error && (
        <div id={ids.error} role="alert" className="rounded border border-red-200 bg-red-50 p-2 text-xs text-red-800">
          <p className="font-medium">{error}</p>
          <p className="mt-0.5">Fix the file and choose it again.</p>
        </div>
      )}
      <button
        type="submit"
        disabled={start.isPending}
        className="self-start rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-wait disabled:bg-indigo-300"
      >
        {start.isPending ? "Starting…" : "Start batch"}
      </button>
    </form>
  );
}

interface NumberSettingProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  disabled?: boolean;
  onChange: (value: number) => void;
}

function NumberSetting({ label, value, min, max, step, disabled, onChange }: NumberSettingProps) {
  const id = useId();
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className="text-xs text-slate-600">
        {label}
      </label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const n = Number(e.target.value);
          onChange(Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min);
        }}
        className="rounded border border-slate-300 px-1 py-1 text-sm disabled:bg-slate-100"
      />
    </div>
  );
}
