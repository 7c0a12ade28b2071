"use client";

import Link from "next/link";
import { JobList } from "./job-list";
import { JobView } from "./job-view";
import { NewBatchForm } from "./new-batch-form";

/**
 * The batch page: start a job from a prompts CSV, follow it, reopen earlier ones. Jobs run on
 * the server; this page only asks for them and shows their progress (closing it stops nothing).
 */
export function BatchRuns({ jobId }: { jobId: string | null }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center gap-4 border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="shrink-0 text-base font-semibold tracking-tight">Batch runs</h1>
        <nav aria-label="Pages" className="ml-auto flex gap-3 text-sm">
          <Link href="/" className="font-medium text-indigo-700 hover:underline">
            Studio
          </Link>
        </nav>
      </header>
      <div className="grid flex-1 grid-cols-1 gap-4 p-4 lg:grid-cols-[340px_minmax(0,1fr)]">
        <div className="flex flex-col gap-4">
          <NewBatchForm />
          <JobList currentId={jobId} />
        </div>
        <main className="min-w-0">
          {jobId ? (
            <JobView key={jobId} jobId={jobId} />
          ) : (
            <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
              <p className="font-medium text-slate-800">No batch open.</p>
              <p className="mt-1">
                Choose a CSV of prompts (columns <code>id,desc</code>) and press <strong>Start batch</strong>, or open an earlier run.
              </p>
              <p className="mt-1">Every item becomes a session you can open in the studio; the results download in IntroSVG&apos;s folder layout.</p>
            </div>
          )}
        </main>
      </div>
    </div>
  );
}
