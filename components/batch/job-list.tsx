"use client";

import Link from "next/link";
import type { BatchJobStatus } from "@/lib/contract/batch-contract";
import { useBatchJobs } from "./use-batch";

export const STATUS_TEXT: Record<BatchJobStatus, string> = {
  running: "Running",
  done: "Done",
  cancelled: "Cancelled",
  interrupted: "Interrupted",
};

/** Earlier jobs, newest first; each reopens its page. */
export function JobList({ currentId }: { currentId: string | null }) {
  const { data, error, isPending, refetch } = useBatchJobs();
  return (
    <section aria-labelledby="earlier-batches" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3">
      <h2 id="earlier-batches" className="text-sm font-semibold text-slate-800">
        Earlier runs
      </h2>
      {isPending ? (
        <p className="text-xs text-slate-600">Loading runs…</p>
      ) : error ? (
        <div role="alert" className="text-xs text-red-700">
          Could not load the runs: {error.message}{" "}
          <button type="button" className="underline" onClick={() => void refetch()}>
            Try again
          </button>
        </div>
      ) : data.length === 0 ? (
        <p className="text-xs text-slate-600">No batch runs yet.</p>
      ) : (
        <ul aria-label="Batch runs" className="flex flex-col gap-1">
          {data.map((job) => (
            <li key={job.id}>
              <Link
                href={`/batch/${job.id}`}
                aria-current={job.id === currentId ? "page" : undefined}
                className={`flex flex-col rounded border px-2 py-1 text-xs ${job.id === currentId ? "border-indigo-300 bg-indigo-50" : "border-transparent hover:border-slate-200"}`}
              >
                <span className="truncate font-medium text-slate-800">{job.name}</span>
                <span className="text-slate-600">
                  {STATUS_TEXT[job.status]} · {job.finished}/{job.total} items{job.failed > 0 ? ` · ${job.failed} failed` : ""} ·{" "}
                  <time dateTime={new Date(job.createdAt).toISOString()}>{new Date(job.createdAt).toLocaleString()}</time>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
