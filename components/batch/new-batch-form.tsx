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
import { checkPromptsCsv, type PromptsCsvCheck } from "@/lib/contract/prompts-csv";
import { LoopSettingsFields, NumberSetting } from "../studio/loop-settings-fields";
import { useFieldProblems } from "../studio/use-field-problems";

interface ChosenFile {
  name: string;
  text: string;
  /** Read and checked when chosen, by the parser a job's start uses (same rules, same messages). */
  check: PromptsCsvCheck;
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

const FIRST_ROWS = 3;

/** The form that starts a job: a prompts CSV (chosen or dropped), the loop settings, a concurrency. */
export function NewBatchForm() {
  const ids = { file: useId(), hint: useId(), error: useId() };
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [settings, setSettings] = useState<LoopSettings>(DEFAULT_SETTINGS);
  const [concurrency, setConcurrency] = useState(8);
  const [dragging, setDragging] = useState(false);
  const fieldProblems = useFieldProblems();
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
    const text = await chosen.text();
    setFile({ name: chosen.name, text, check: checkPromptsCsv(chosen.name, text), images });
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
    // The file's problem is already said beside it; it is not sent.
    if (!file.check.ok || fieldProblems.problems.length > 0) return;
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
        <span className="text-sm font-medium text-slate-800">Prompts CSV</span>
        {/* One file control: the native input (named "Prompts CSV") is visually hidden, and its
            label is the button; the line beside it says what is chosen. */}
        <div className="flex flex-wrap items-center gap-2">
          <input
            id={ids.file}
            type="file"
            accept=".csv,text/csv,.zip,application/zip,image/png,image/jpeg,image/webp"
            multiple
            onChange={onChange}
            aria-label="Prompts CSV"
            aria-describedby={`${ids.hint}${error ? ` ${ids.error}` : ""}`}
            className="peer sr-only"
          />
          <label
            htmlFor={ids.file}
            className="cursor-pointer rounded border border-slate-300 bg-white px-2 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100 peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-700"
          >
            {file ? "Choose another CSV…" : "Choose a CSV…"}
          </label>
          <span id={ids.hint} className="min-w-0 text-xs text-slate-600">
            {file ? (
              <>
                <span className="font-medium text-slate-700">{file.name}</span>
                {file.check.ok ? ` · ${file.check.rows.length.toLocaleString("en-US")} prompt${file.check.rows.length === 1 ? "" : "s"}` : " · not usable"}
                {Object.keys(file.images).length > 0 && ` · ${Object.keys(file.images).length} image${Object.keys(file.images).length === 1 ? "" : "s"}`}
              </>
            ) : (
              <>
                No file chosen. Choose or drop a CSV with a header naming columns id and desc. For image to SVG, add an image column (a file name relative to
                the CSV) and choose the pictures together with the CSV, or one ZIP holding the CSV and its pictures.
              </>
            )}
          </span>
        </div>
        {file && file.check.ok && (
          <table className="mt-1 w-full table-fixed text-left text-xs" aria-label={`First prompts of ${file.name}`}>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="w-1/4 font-medium">
                  id
                </th>
                <th scope="col" className="font-medium">
                  desc
                </th>
              </tr>
            </thead>
            <tbody className="text-slate-800">
              {file.check.rows.slice(0, FIRST_ROWS).map((row) => (
                <tr key={row.id}>
                  <td className="truncate pr-2 font-mono" title={row.id}>
                    {row.id}
                  </td>
                  <td className="truncate" title={row.desc}>
                    {row.desc}
                  </td>
                </tr>
              ))}
            </tbody>
            {file.check.rows.length > FIRST_ROWS && (
              <tfoot>
                <tr>
                  <td colSpan={2} className="text-slate-600">
                    and {(file.check.rows.length - FIRST_ROWS).toLocaleString("en-US")} more
                  </td>
                </tr>
              </tfoot>
            )}
          </table>
        )}
        {file && !file.check.ok && (
          <div role="alert" className="rounded border border-red-200 bg-red-50 p-2 text-xs text-red-800">
            <p className="font-medium">{file.check.message}</p>
            <p className="mt-0.5">Fix the file and choose it again.</p>
          </div>
        )}
      </div>

      <LoopSettingsFields settings={settings} onChange={setSettings} onProblem={fieldProblems.report}>
        <NumberSetting
          label="Concurrency"
          min={1}
          max={MAX_BATCH_CONCURRENCY}
          integer
          value={concurrency}
          onChange={setConcurrency}
          onProblem={fieldProblems.report}
        />
      </LoopSettingsFields>

      {error && (
        <div id={ids.error} role="alert" className="rounded border border-red-200 bg-red-50 p-2 text-xs text-red-800">
          <p className="font-medium">{error.message}</p>
          {error.fixFile && <p className="mt-0.5">Fix the file and choose it again.</p>}
        </div>
      )}
      {fieldProblems.problems.length > 0 && <p className="text-xs text-red-700">Start batch: {fieldProblems.problems[0]}</p>}
      <button
        type="submit"
        disabled={start.isPending || fieldProblems.problems.length > 0 || (file !== null && !file.check.ok)}
        className="self-start rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-wait disabled:bg-indigo-300"
      >
        {start.isPending ? "Starting…" : "Start batch"}
      </button>
    </form>
  );
}
