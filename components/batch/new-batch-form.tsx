"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type ChangeEvent, type DragEvent, type FormEvent } from "react";
import { statusOf } from "@/lib/clients/api-call";
import { batchApi } from "@/lib/clients/batch-client";
import { readPromptsZip } from "@/lib/clients/prompts-zip";
import { pictureFromFile } from "@/lib/clients/target-picture";
import { queryKeys } from "@/lib/store/query-options";
import { MAX_BATCH_CONCURRENCY, MAX_CSV_CHARS } from "@/lib/contract/batch-contract";
import { DEFAULT_SETTINGS, type LoopSettings } from "@/lib/loop/loop-types";
import { LoopSettingsFields, NumberSetting } from "../studio/loop-settings-fields";
import { Field } from "../ui/field";

interface ChosenFile {
  name: string;
  text: string;
  /** The pictures chosen with it for its `image` column: file name → PNG data URL (scaled in the browser). */
  images: Record<string, string>;
}

const isCsv = (f: File) => /\.csv$/i.test(f.name) || f.type === "text/csv";
const isZip = (f: File) => /\.zip$/i.test(f.name) || f.type === "application/zip" || f.type === "application/x-zip-compressed";

/** A ZIP of the CSV with its pictures, as the files it holds (picture names are paths relative to the CSV). */
async function unpackZip(zip: File): Promise<{ csv: File; pictures: Array<{ path: string; file: File }> }> {
  const { csv, pictures } = readPromptsZip(new Uint8Array(await zip.arrayBuffer()), zip.name);
  return {
    csv: new File([csv.text], csv.name, { type: "text/csv" }),
    pictures: pictures.map(({ path, bytes }) => ({ path, file: new File([bytes as Uint8Array<ArrayBuffer>], path.split("/").pop() ?? path) })),
  };
}

/** Lines that hold a record, roughly (quoted line breaks count twice): for the "N prompts" hint only. */
function roughRowCount(text: string): number {
  return Math.max(0, text.split(/\r?\n/).filter((line) => line.trim() !== "").length - 1);
}

/** The form that starts a job: a prompts CSV (chosen or dropped), the loop settings, a concurrency. */
export function NewBatchForm() {
  const ids = { hint: useId(), error: useId() };
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [settings, setSettings] = useState<LoopSettings>(DEFAULT_SETTINGS);
  const [concurrency, setConcurrency] = useState(8);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<{ message: string; fixFile: boolean } | null>(null);
  const router = useRouter();
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: (input: Parameters<typeof batchApi.create>[0]) => batchApi.create(input),
    onSuccess: (id) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.batchJobs });
      router.push(`/batch/${id}`);
    },
    // A refused file (400, 413) is the file's fault; anything else is not fixed by choosing it again.
    onError: (e) => setError({ message: (e as Error).message, fixFile: statusOf(e) === 400 || statusOf(e) === 413 }),
  });

  /** The CSV, and the pictures of its image rows chosen with it (checked and scaled as the studio's Image input does). */
  const choose = async (files: File[]) => {
    setError(null);
    if (files.length === 0) return;
    let chosen = files.find(isCsv) ?? files.find(isZip) ?? files[0];
    let pictures = files.filter((f) => f !== chosen).map((file) => ({ path: file.name, file }));
    if (isZip(chosen)) {
      try {
        const unpacked = await unpackZip(chosen);
        chosen = unpacked.csv;
        pictures = unpacked.pictures;
      } catch (e) {
        setFile(null);
        setError({ message: (e as Error).message, fixFile: true });
        return;
      }
    }
    if (chosen.size > MAX_CSV_CHARS) {
      setFile(null);
      setError({ message: `${chosen.name} is larger than 8 MB.`, fixFile: true });
      return;
    }
    const images: Record<string, string> = {};
    for (const { path, file: picture } of pictures) {
      const result = await pictureFromFile(picture);
      if (!result.ok) {
        setFile(null);
        setError({ message: result.message, fixFile: true });
        return;
      }
      images[path] = result.target.png;
    }
    setFile({ name: chosen.name, text: await chosen.text(), images });
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    // Cleared, so choosing the same file again (fixed) is a change too.
    event.target.value = "";
    void choose(chosen);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void choose([...event.dataTransfer.files]);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError({ message: "Choose a prompts CSV first.", fixFile: false });
      return;
    }
    setError(null);
    const images = Object.keys(file.images).length > 0 ? { images: file.images } : {};
    start.mutate({ name: file.name, csv: file.text, settings, concurrency, ...images });
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
        <Field label="Prompts CSV" className={null} labelClassName="text-sm font-medium text-slate-800">
          {(id) => (
            <input
              id={id}
              type="file"
              accept=".csv,text/csv,.zip,application/zip,image/png,image/jpeg,image/webp"
              multiple
              onChange={onChange}
              aria-describedby={`${ids.hint}${error ? ` ${ids.error}` : ""}`}
              className="text-sm file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-1 file:text-sm"
            />
          )}
        </Field>
        <p id={ids.hint} className="text-xs text-slate-600">
          {file ? (
            <>
              <span className="font-medium text-slate-700">{file.name}</span> · about {roughRowCount(file.text)} prompts
              {Object.keys(file.images).length > 0 && ` · ${Object.keys(file.images).length} images`}
            </>
          ) : (
            <>
              Choose or drop a CSV with a header naming columns id and desc. For image to SVG, add an image column (a file name
              relative to the CSV) and choose the pictures together with the CSV, or one ZIP holding the CSV and its pictures.
            </>
          )}
        </p>
      </div>

      <LoopSettingsFields settings={settings} onChange={setSettings}>
        <NumberSetting label="Concurrency" min={1} max={MAX_BATCH_CONCURRENCY} value={concurrency} onChange={(n) => setConcurrency(Math.round(n))} />
      </LoopSettingsFields>

      {error && (
        <div id={ids.error} role="alert" className="rounded border border-red-200 bg-red-50 p-2 text-xs text-red-800">
          <p className="font-medium">{error.message}</p>
          {error.fixFile && <p className="mt-0.5">Fix the file and choose it again.</p>}
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
