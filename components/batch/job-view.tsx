"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { batchAnnouncement, type BatchAnnounced } from "@/lib/loop/announcements";
import { LiveRegion, useLiveAnnouncer } from "../a11y/live-announcer";
import { statusOf } from "@/lib/clients/api-call";
import { batchApi } from "@/lib/clients/batch-client";
import type { BatchItemFilter, BatchItemSort, BatchItemView, BatchJobDetail, BatchSummary, RoundMean } from "@/lib/contract/batch-contract";
import { formatImageMatch } from "@/lib/metrics/image-similarity";
import { svgImageUrl } from "@/lib/svg/sanitize-in-browser";
import { DownloadIconSet, IconSetCheckbox, IconSetSelectionProvider } from "../export/icon-set-selection";
import { STATUS_TEXT } from "./job-list";
import { BUILTIN_SERVER, type RoleRecord, type RunRecord } from "@/lib/contract/run-record";
import { useBatchControls, useBatchJob } from "./use-batch";

const PAGE = 60;

/** One job: progress, Cancel/Resume, the figures, mean score by round, and its items. */
export function JobView({ jobId }: { jobId: string }) {
  const [sort, setSort] = useState<BatchItemSort>("id");
  const [filter, setFilter] = useState<BatchItemFilter>("all");
  const [limit, setLimit] = useState(PAGE);
  const { data: job, error, isPending, refetch } = useBatchJob(jobId, { sort, filter, limit });
  const { cancel, resume, retryFailed } = useBatchControls(jobId);
  const ids = { sort: useId(), failed: useId() };
  const announcements = useBatchAnnouncements(job);

  // The live region stays mounted from the first render on, so its first message is heard.
  if (isPending) {
    return (
      <>
        {announcements}
        <p className="text-sm text-slate-600">Loading the batch…</p>
      </>
    );
  }
  if (error || !job) {
    return (
      <>
        {announcements}
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          <p>Could not load this batch: {(error?.message ?? "no answer").replace(/\.$/, "")}.</p>
          <p className="mt-1 flex gap-3">
            {/* A job that does not exist will not appear by asking again. */}
            {statusOf(error) !== 404 && (
              <button type="button" className="underline" onClick={() => void refetch()}>
                Try again
              </button>
            )}
            <Link href="/batch" className="underline">
              Back to batch runs
            </Link>
          </p>
        </div>
      </>
    );
  }

  const controlError = cancel.error ?? resume.error ?? retryFailed.error;
  const canResume = job.status === "cancelled" || job.status === "interrupted";
  return (
    <IconSetSelectionProvider>
      {announcements}
      <article aria-labelledby="job-title" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3">
          <div className="min-w-0">
            <h2 id="job-title" className="truncate text-base font-semibold text-slate-900">
              {job.name}
            </h2>
            <p className="text-xs text-slate-600">
              <span className="font-medium" role="status" aria-label="Batch status">
                {STATUS_TEXT[job.status]}
              </span>
              {job.status === "interrupted" && " — the server stopped while it ran; Resume continues it"} ·{" "}
              {job.settings.mode === "paper"
                ? `paper mode, up to ${job.settings.maxRefinements} refinements, threshold ${job.settings.threshold}`
                : "reference schedule"}{" "}
              · concurrency {job.concurrency} · {job.run ? runLine(job.run) : job.engine === "builtin" ? "built-in engine" : (job.model ?? "remote server")}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            {job.status === "running" && <ControlButton action={cancel} label="Cancel" />}
            {canResume && <ControlButton action={resume} label="Resume" primary />}
            {job.status !== "running" && job.failed > 0 && <ControlButton action={retryFailed} label="Retry failed items" />}
            <a
              href={batchApi.resultsUrl(jobId)}
              download
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
            >
              Download results
            </a>
            <DownloadIconSet jobId={jobId} jobName={job.name} total={job.total} />
            <a
              href={batchApi.trainingDataUrl(jobId)}
              download
              title="IntroSVG training files for LLaMA-Factory: direct drafts scoring 9.0 or more, refinements that raised the score, critiques with their images, DPO pairs 2 points apart"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
            >
              Download training data
            </a>
          </div>
          <Progress job={job} />
          {controlError && (
            <p role="alert" className="w-full text-xs text-red-700">
              {controlError.message}
            </p>
          )}
        </div>

        <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,1fr)_360px]">
          <Figures summary={job.summary} threshold={job.settings.threshold} />
          <RoundChart means={job.roundMeans} threshold={job.settings.mode === "paper" ? job.settings.threshold : null} />
        </div>

        <section aria-labelledby="items-title" className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center gap-3">
            <h3 id="items-title" className="text-sm font-semibold text-slate-800">
              Items
            </h3>
            <label htmlFor={ids.sort} className="text-xs text-slate-600">
              Sort by
            </label>
            <select
              id={ids.sort}
              value={sort}
              onChange={(e) => setSort(e.target.value as BatchItemSort)}
              className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
            >
              <option value="id">Id</option>
              <option value="score">Score</option>
            </select>
            <label htmlFor={ids.failed} className="flex items-center gap-1 text-xs text-slate-600">
              <input id={ids.failed} type="checkbox" checked={filter === "failed"} onChange={(e) => setFilter(e.target.checked ? "failed" : "all")} />
              Failed only
            </label>
            <span className="text-xs text-slate-600">
              {/* With no failed items the list says so itself; "0 of 0" said nothing. */}
              {filter === "failed" ? (job.matching > 0 ? `${job.items.length} of ${job.matching} failed` : "") : `${job.items.length} of ${job.matching}`}
            </span>
          </div>
          {job.items.length === 0 ? (
            <p className="rounded border border-dashed border-slate-300 bg-white p-4 text-center text-xs text-slate-600">
              {filter === "failed" ? "No failed items." : "No items."}
            </p>
          ) : (
            <ul aria-label="Items" className="grid grid-cols-[repeat(auto-fill,minmax(180px,1fr))] gap-2">
              {job.items.map((item) => (
                <li key={item.id}>
                  <ItemCard item={item} />
                </li>
              ))}
            </ul>
          )}
          {job.items.length < job.matching && (
            <button
              type="button"
              onClick={() => setLimit(limit + PAGE)}
              className="self-center rounded border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100"
            >
              Show more
            </button>
          )}
        </section>
      </article>
    </IconSetSelectionProvider>
  );
}

/**
 * The batch page's polite live region: the job's start, its progress at a sensible rate (at most
 * every 10 s, and only after a tenth of the items), and its end, cancel or resume at once.
 */
function useBatchAnnouncements(job: BatchJobDetail | undefined) {
  const { messages, announce } = useLiveAnnouncer();
  const last = useRef<{ jobId: string; announced: BatchAnnounced } | null>(null);
  const status = job?.status;
  const finished = job?.finished;
  const total = job?.total;
  const failed = job?.failed;
  const jobId = job?.id;
  useEffect(() => {
    if (!jobId || status === undefined || finished === undefined || total === undefined || failed === undefined) return;
    const previous = last.current?.jobId === jobId ? last.current.announced : null;
    const { message, announced } = batchAnnouncement(previous, { status, finished, total, failed }, Date.now());
    last.current = { jobId, announced };
    if (message) announce([message]);
  }, [jobId, status, finished, total, failed, announce]);
  return <LiveRegion label="Batch announcements" messages={messages} />;
}

function Progress({ job }: { job: BatchJobDetail }) {
  const percent = job.total === 0 ? 100 : (job.finished / job.total) * 100;
  const rate = job.summary.meanItemMs;
  return (
    <div className="flex w-full flex-col gap-1">
      <div
        role="progressbar"
        aria-label="Batch progress"
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={job.finished}
        aria-valuetext={`${job.finished} of ${job.total} items finished`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full ${job.failed > 0 ? "bg-amber-500" : "bg-indigo-600"} transition-[width]`} style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-slate-600">
        {job.finished} of {job.total} items finished · {job.summary.done} done · {job.failed} failed
        {rate !== null && ` · ${(rate / 1000).toFixed(1)} s per item`}
      </p>
    </div>
  );
}

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null, digits = 2) => (x === null ? "–" : x.toFixed(digits));

function Figures({ summary, threshold }: { summary: BatchSummary; threshold: number }) {
  const causes = Object.entries(summary.failuresByCause);
  const rows: Array<[string, string]> = [
    ["Render success rate", pct(summary.renderSuccessRate)],
    ["Mean draft score", num(summary.meanDraftScore)],
    ["Mean best score", num(summary.meanBestScore)],
    [`Reached ${threshold}`, pct(summary.thresholdShare)],
    ["Mean rounds", num(summary.meanRounds)],
    ["Mean output tokens", num(summary.meanOutputTokens, 0)],
    ["Mean time per item", summary.meanItemMs === null ? "–" : `${(summary.meanItemMs / 1000).toFixed(1)} s`],
    ...(summary.meanSsim !== null
      ? ([
          ["Mean SSIM (image rows)", num(summary.meanSsim, 3)],
          ["Mean PSNR (image rows)", summary.meanPsnr === null ? "–" : `${summary.meanPsnr.toFixed(1)} dB`],
        ] as Array<[string, string]>)
      : []),
    ["Failures by cause", causes.length === 0 ? "none" : causes.map(([code, n]) => `${code} ${n}`).join(", ")],
  ];
  return (
    <section aria-labelledby="figures-title" className="rounded-lg border border-slate-200 bg-white p-3">
      <h3 id="figures-title" className="mb-2 text-sm font-semibold text-slate-800">
        Summary
      </h3>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        {rows.map(([label, value]) => (
          <div key={label} className="flex flex-col">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="font-medium text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const W = 340;
const H = 140;
const PAD = { left: 26, right: 8, top: 10, bottom: 22 };

/** Mean critic score at each round position across items, as bars. */
function RoundChart({ means: all, threshold }: { means: RoundMean[]; threshold: number | null }) {
  // Positions only measured against a picture (nobody judged them) have no score to draw.
  const means = all.flatMap((m) => (m.meanScore === null ? [] : [{ ...m, meanScore: m.meanScore }]));
  const y = (score: number) => PAD.top + (1 - score / 10) * (H - PAD.top - PAD.bottom);
  const slot = means.length === 0 ? 0 : (W - PAD.left - PAD.right) / means.length;
  const description = means.map((m) => `round ${m.round}: ${m.meanScore.toFixed(2)} over ${m.count} items`).join("; ");
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-1 text-sm font-semibold text-slate-800">Mean score by round</figcaption>
      {means.length === 0 ? (
        <p className="text-xs text-slate-600">No round has been scored yet.</p>
      ) : (
        <svg role="img" aria-label={`Mean score by round: ${description}`} viewBox={`0 0 ${W} ${H}`} className="h-36 w-full">
          {[0, 5, 10].map((tick) => (
            <g key={tick}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" />
              <text x={PAD.left - 4} y={y(tick) + 3} textAnchor="end" fontSize={9} fill="#475569">
                {tick}
              </text>
            </g>
          ))}
          {means.map((m, i) => {
            const x = PAD.left + i * slot + slot * 0.2;
            return (
              <g key={m.round}>
                <rect x={x} y={y(m.meanScore)} width={slot * 0.6} height={y(0) - y(m.meanScore)} fill="#6366f1" rx={2} />
                <text x={x + slot * 0.3} y={y(m.meanScore) - 3} textAnchor="middle" fontSize={9} fill="#1e293b">
                  {m.meanScore.toFixed(1)}
                </text>
                <text x={x + slot * 0.3} y={H - 8} textAnchor="middle" fontSize={9} fill="#475569">
                  R{m.round} ({m.count})
                </text>
              </g>
            );
          })}
          {threshold !== null && <line x1={PAD.left} x2={W - PAD.right} y1={y(threshold)} y2={y(threshold)} stroke="#10b981" strokeDasharray="4 3" />}
        </svg>
      )}
    </figure>
  );
}

const ITEM_STATUS: Record<BatchItemView["status"], string> = {
  pending: "Waiting",
  running: "Running",
  done: "Done",
  failed: "Failed",
  stopped: "Stopped",
};

function ItemCard({ item }: { item: BatchItemView }) {
  return (
    <article
      aria-label={`Item ${item.id}`}
      className={`flex h-full flex-col gap-1 rounded-lg border bg-white p-2 ${item.status === "failed" ? "border-red-200" : "border-slate-200"}`}
    >
      <div className="checkerboard flex aspect-square w-full items-center justify-center overflow-hidden rounded border border-slate-200">
        {item.thumbnailSvg && item.status !== "running" ? (
          // eslint-disable-next-line @next/next/no-img-element -- a data URL of sanitized SVG
          <img src={svgImageUrl(item.thumbnailSvg)} alt={`Best round of ${item.id}`} className="h-full w-full object-contain" />
        ) : item.latestRound ? (
          // eslint-disable-next-line @next/next/no-img-element -- a data URL of sanitized SVG
          <img src={svgImageUrl(item.latestRound.svg)} alt={`Round ${item.latestRound.index} of ${item.id}`} className="h-full w-full object-contain" />
        ) : (
          <span className="text-xs text-slate-600">{ITEM_STATUS[item.status]}</span>
        )}
      </div>
      <div className="flex items-baseline justify-between gap-1">
        <span className="truncate text-xs font-medium text-slate-800" title={item.id}>
          {item.id}
        </span>
        <span className="shrink-0 text-xs font-semibold text-slate-900">
          {item.bestScore !== null ? `${item.bestScore.toFixed(1)} / 10` : ITEM_STATUS[item.status]}
        </span>
      </div>
      <p className="line-clamp-2 text-[11px] text-slate-600" title={item.prompt}>
        {item.prompt}
      </p>
      {item.status === "running" && item.latestRound && (
        <p className="text-[11px] text-slate-600" aria-label={`Latest round of ${item.id}`}>
          round {item.latestRound.index}
          {item.latestRound.score !== null ? ` scored ${item.latestRound.score.toFixed(1)}` : ", being critiqued"}
        </p>
      )}
      {item.status !== "running" && item.bestRoundIndex !== null && (
        <p className="text-[11px] text-slate-600">
          best: round {item.bestRoundIndex} of {item.rounds}
        </p>
      )}
      {item.match && (
        <p
          className="text-[11px] tabular-nums text-slate-700"
          aria-label="Match with the picture"
          title="SArena's SSIM and PSNR of the best round against the row's picture, both at 448×448 on white"
        >
          {formatImageMatch(item.match)}
        </p>
      )}
      {item.error && (
        <p className="text-[11px] text-red-700">
          {item.error.code}: {item.error.message}
        </p>
      )}
      <IconSetCheckbox itemId={item.id} disabled={!item.thumbnailSvg} />
      {item.sessionId && (
        <Link href={`/s/${item.sessionId}`} prefetch={false} className="mt-auto text-xs font-medium text-indigo-700 hover:underline">
          Open in studio
        </Link>
      )}
    </article>
  );
}

/** One of a job's controls: runs its mutation, disabled while that is under way. */
function ControlButton({ action, label, primary = false }: { action: { mutate: () => void; isPending: boolean }; label: string; primary?: boolean }) {
  return (
    <button
      type="button"
      onClick={() => action.mutate()}
      disabled={action.isPending}
      className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50 ${primary ? "bg-indigo-600 text-white hover:bg-indigo-700" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`}
    >
      {label}
    </button>
  );
}

/** Who wrote and who judged, as the job recorded it: "generator InternSVG @ gpu-box-2:23334, critic …". */
function runLine(run: RunRecord): string {
  const role = (r: RoleRecord) =>
    `${r.model ?? "first listed model"} @ ${r.server === BUILTIN_SERVER ? "built-in engine" : r.server.replace(/^https?:\/\//, "")}`;
  return `generator ${role(run.generator)}, ${run.critic ? `critic ${role(run.critic)}` : "no critic (a single pass)"}`;
}
