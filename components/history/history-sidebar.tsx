"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type ChangeEvent } from "react";
import type { HistorySource, SessionSummary } from "@/lib/contract/session-contract";
import { useDebouncedValue } from "../editor/use-debounced-value";
import { useStudioStore } from "../studio/studio-store-provider";
import { Field } from "../ui/field";
import { useSessionList, useSessionMutations } from "./use-sessions";

const SHOWN: Record<HistorySource, string> = { studio: "Studio sessions", batch: "Batch items", all: "All" };

/**
 * Past sessions: search, reopen, rename, delete, import. The studio's own sessions by default:
 * every item of a batch job is a session too, and a job of 1,400 prompts would bury them. Batch
 * items are a filter away (grouped by their job), and a search covers both.
 */
export function HistorySidebar() {
  const [query, setQuery] = useState("");
  const [shown, setShown] = useState<HistorySource>("studio");
  const debounced = useDebouncedValue(query, 200);
  const searching = debounced.trim() !== "";
  const source: HistorySource = searching && shown === "studio" ? "all" : shown;
  const { data, error, isPending, refetch, hasNextPage, fetchNextPage, isFetchingNextPage } = useSessionList(debounced.trim(), source);
  const sessions = data?.pages.flatMap((page) => page.sessions) ?? [];
  const currentId = useStudioStore((s) => s.sessionId);
  const { importJson } = useSessionMutations();
  const router = useRouter();
  const ids = { file: useId() };
  const [importError, setImportError] = useState<string | null>(null);

  const handleImport = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setImportError(null);
    const text = await file.text();
    try {
      JSON.parse(text);
    } catch {
      // Said of the file, not of the request: the server would only say its body is not JSON.
      setImportError(`Import failed: ${file.name} is not JSON. Choose a session file made by Export JSON (a .json file).`);
      return;
    }
    try {
      const id = await importJson.mutateAsync(text);
      router.push(`/s/${id}`);
    } catch (e) {
      setImportError(`Import failed: ${(e as Error).message}`);
    }
  };

  return (
    <aside aria-label="History" className="flex h-full flex-col gap-2 border-r border-slate-200 bg-white p-3">
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-800">History</h2>
        <Link href="/" className="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100">
          New session
        </Link>
      </div>
      <Field label="Search sessions" className={null} labelClassName="sr-only">
        {(id) => (
          <input
            id={id}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search by prompt…"
            className="rounded border border-slate-300 px-2 py-1 text-sm"
          />
        )}
      </Field>
      <Field label="Show" className="flex items-center gap-2" labelClassName="text-xs text-slate-600">
        {(id) => (
          <select
            id={id}
            value={shown}
            onChange={(e) => setShown(e.target.value as HistorySource)}
            className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
          >
            {(Object.keys(SHOWN) as HistorySource[]).map((key) => (
              <option key={key} value={key}>
                {SHOWN[key]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {searching && shown === "studio" && <p className="text-[11px] text-slate-600">Searching studio sessions and batch items.</p>}
      <div className="min-h-0 flex-1 overflow-auto">
        {isPending ? (
          <p className="p-2 text-xs text-slate-600">Loading sessions…</p>
        ) : error ? (
          <div role="alert" className="p-2 text-xs text-red-700">
            Could not load sessions: {error.message}{" "}
            <button type="button" className="underline" onClick={() => void refetch()}>
              Try again
            </button>
          </div>
        ) : sessions.length === 0 ? (
          <p className="p-2 text-xs text-slate-600">
            {searching
              ? "No sessions match."
              : shown === "batch"
                ? "No batch items yet. The prompts of the batch page's jobs appear here, by job."
                : "No sessions yet. Every loop you run is kept here."}
          </p>
        ) : source === "batch" ? (
          <ul aria-label="Sessions" className="flex flex-col gap-2">
            {byJob(sessions).map((group) => (
              <li key={group.jobId} aria-label={`Batch job ${group.jobName}`}>
                <p className="truncate px-1 text-[11px] font-semibold uppercase tracking-wide text-slate-600" title={group.jobName}>
                  <Link href={`/batch/${group.jobId}`} prefetch={false} className="hover:underline">
                    {group.jobName}
                  </Link>
                </p>
                <ul className="flex flex-col gap-1">
                  {group.sessions.map((session) => (
                    <SessionItem key={session.id} session={session} current={session.id === currentId} />
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        ) : (
          <ul aria-label="Sessions" className="flex flex-col gap-1">
            {sessions.map((session) => (
              <SessionItem key={session.id} session={session} current={session.id === currentId} />
            ))}
          </ul>
        )}
        {hasNextPage && <LoadMore onVisible={() => void fetchNextPage()} loading={isFetchingNextPage} />}
      </div>
      <div className="border-t border-slate-100 pt-2">
        <label htmlFor={ids.file} className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">
          Import session JSON
        </label>
        <input id={ids.file} type="file" accept="application/json,.json" onChange={(e) => void handleImport(e)} className="sr-only" />
        {importError && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {importError}
          </p>
        )}
      </div>
    </aside>
  );
}

function SessionItem({ session, current }: { session: SessionSummary; current: boolean }) {
  const { rename, remove } = useSessionMutations();
  const router = useRouter();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(session.title);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputId = useId();
  // Rename and Delete are named by their verb and described by the session's title: a name that
  // held the title (a prompt) would also answer to words in it, such as "Stop" or "Generate".
  const titleId = useId();

  const saveTitle = () => {
    const next = title.trim();
    if (next && next !== session.title) rename.mutate({ id: session.id, title: next });
    setRenaming(false);
  };
  const confirmDelete = async () => {
    await remove.mutateAsync(session.id);
    dialogRef.current?.close();
    if (current) router.push("/");
  };

  return (
    <li className={`rounded border p-1.5 ${current ? "border-indigo-300 bg-indigo-50" : "border-transparent hover:border-slate-200"}`}>
      {renaming ? (
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            saveTitle();
          }}
        >
          <label htmlFor={inputId} className="sr-only">
            New name
          </label>
          <input
            id={inputId}
            ref={(input) => input?.focus()}
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && setRenaming(false)}
            className="min-w-0 flex-1 rounded border border-slate-300 px-1 py-0.5 text-xs"
          />
          <button type="submit" className="rounded border border-slate-300 px-1.5 py-0.5 text-xs">
            Save
          </button>
        </form>
      ) : (
        <Link
          href={`/s/${session.id}`}
          // No prefetch: a history of thousands would ask the server for every visible session.
          prefetch={false}
          aria-current={current ? "page" : undefined}
          className="flex items-center gap-2"
        >
          <span className="checkerboard flex h-10 w-10 shrink-0 items-center justify-center overflow-hidden rounded border border-slate-200">
            {session.thumbnailUrl && (
              // eslint-disable-next-line @next/next/no-img-element -- sanitized SVG data URL
              <img src={session.thumbnailUrl} alt="" width={40} height={40} loading="lazy" decoding="async" />
            )}
          </span>
          <span className="flex min-w-0 flex-col">
            <span id={titleId} className="truncate text-xs font-medium text-slate-800" title={session.prompt}>
              {session.title}
            </span>
            <span className="text-[11px] text-slate-600">
              {session.bestScore !== null ? `${session.bestScore.toFixed(1)} / 10` : "no score"} ·{" "}
              {session.profile && session.profile !== "intro-svg" && <>{session.profile} · </>}
              {session.batch && <>batch {session.batch.itemId} · </>}
              <time dateTime={new Date(session.updatedAt).toISOString()}>{formatDate(session.updatedAt)}</time>
            </span>
          </span>
        </Link>
      )}
      {!renaming && (
        <div className="mt-1 flex gap-1 pl-12">
          <button type="button" onClick={() => setRenaming(true)} className="text-[11px] text-slate-600 hover:underline" aria-describedby={titleId}>
            Rename
          </button>
          <button type="button" onClick={() => dialogRef.current?.showModal()} className="text-[11px] text-red-700 hover:underline" aria-describedby={titleId}>
            Delete
          </button>
        </div>
      )}
      <dialog ref={dialogRef} aria-label="Delete session?" className="m-auto rounded-lg border border-slate-300 p-4 shadow-xl backdrop:bg-slate-900/30">
        <p className="text-sm font-semibold">Delete session?</p>
        <p className="mt-1 max-w-xs text-sm text-slate-600">
          “{session.title}” {session.roundCount === 0 ? "" : `and its ${session.roundCount === 1 ? "1 round" : `${session.roundCount} rounds`} `}will be removed
          for good.
        </p>
        {remove.error && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {remove.error.message}
          </p>
        )}
        <div className="mt-3 flex justify-end gap-2">
          <button type="button" onClick={() => dialogRef.current?.close()} className="rounded border border-slate-300 px-3 py-1 text-sm">
            Cancel
          </button>
          <button type="button" onClick={() => void confirmDelete()} className="rounded bg-red-600 px-3 py-1 text-sm font-medium text-white hover:bg-red-700">
            Delete
          </button>
        </div>
      </dialog>
    </li>
  );
}

function formatDate(ms: number): string {
  const date = new Date(ms);
  const today = new Date();
  return date.toDateString() === today.toDateString()
    ? date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })
    : date.toLocaleDateString(undefined, { month: "short", day: "numeric", year: "numeric" });
}

/** Loads the next page when it scrolls into view, and is a button for keyboard and screen-reader users. */
function LoadMore({ onVisible, loading }: { onVisible: () => void; loading: boolean }) {
  const ref = useRef<HTMLButtonElement>(null);
  const latest = useRef(onVisible);
  useEffect(() => {
    latest.current = onVisible;
  });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) latest.current();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <button
      ref={ref}
      type="button"
      onClick={onVisible}
      disabled={loading}
      className="mt-1 w-full rounded border border-slate-200 px-2 py-1 text-xs text-slate-700 hover:bg-slate-50 disabled:text-slate-600"
    >
      {loading ? "Loading more sessions…" : "Load more sessions"}
    </button>
  );
}

/** Batch items grouped by their job, each group where its first (newest) item is. */
function byJob(sessions: SessionSummary[]): { jobId: string; jobName: string; sessions: SessionSummary[] }[] {
  const groups = new Map<string, { jobId: string; jobName: string; sessions: SessionSummary[] }>();
  for (const session of sessions) {
    const jobId = session.batch?.jobId ?? "";
    const group = groups.get(jobId) ?? { jobId, jobName: session.batch?.jobName ?? "Batch job", sessions: [] };
    group.sessions.push(session);
    groups.set(jobId, group);
  }
  return [...groups.values()];
}
