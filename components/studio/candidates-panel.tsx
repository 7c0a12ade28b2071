"use client";

import { memo, useState } from "react";
import type { Round } from "@/lib/loop/loop-types";
import { candidateVerdict, continueAvailability, VERDICT_LABEL, type Candidate } from "@/lib/loop/candidates";
import { readPartialCritique } from "@/lib/introsvg/critique-parser";
import { ExportPanel } from "../export/export-panel";
import { formatScore, PHASE_LABEL } from "./round-labels";
import { SvgPreview } from "./svg-preview";
import { useStudioStore } from "./studio-store-provider";
import { useShallow } from "zustand/react/shallow";

/**
 * The draft step's candidates side by side, each streaming into its own card with its preview,
 * the image the critic saw and its score. "Continue from this" picks one (before the loop has
 * chosen) or forks a new session from it (after).
 */
export function CandidatesPanel() {
  const candidates = useStudioStore((s) => s.loop.candidates);
  const chosen = useStudioStore((s) => s.loop.rounds[0]?.candidate ?? null);
  const picked = useStudioStore((s) => s.loop.pickedCandidate ?? null);
  const running = useStudioStore((s) => s.loop.status === "running");
  if (!candidates?.length) return null;
  const settled = chosen !== null;
  const pending = candidates.filter((c) => candidateVerdict(c) === "pending").length;

  let summary: string;
  if (settled)
    summary = `The loop continues from candidate ${chosen}${picked === chosen ? " (your pick)" : ""}. Continue from another to fork a new session from it.`;
  else if (running && pending > 0)
    summary = `${candidates.length} drafts at once, each with its own seed. The best-scoring valid one goes on, unless you pick another first.`;
  else summary = "No candidate has been chosen yet: continue from a valid one, or Retry.";

  return (
    <section aria-label="Candidates" className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="mb-2 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 className="text-sm font-semibold text-slate-800">Candidates</h2>
        <p className="text-xs text-slate-600">{summary}</p>
      </div>
      <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 2xl:grid-cols-4">
        {candidates.map((c) => (
          <li key={c.id} className="min-w-0">
            <CandidateCard
              candidate={c}
              chosen={chosen === c.candidate}
              picked={!settled && picked === c.candidate}
              streaming={running && c.phase === "generating"}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

interface CandidateCardProps {
  candidate: Candidate;
  chosen: boolean;
  picked: boolean;
  streaming: boolean;
}

const VERDICT_TONE: Record<string, string> = {
  valid: "bg-emerald-100 text-emerald-800",
  truncated: "bg-amber-100 text-amber-900",
  invalid: "bg-red-100 text-red-800",
  blank: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-800",
  stopped: "bg-slate-100 text-slate-700",
};

/** Memoised: while one candidate streams, the others keep their props and are not re-rendered. */
const CandidateCard = memo(function CandidateCard({ candidate: c, chosen, picked, streaming }: CandidateCardProps) {
  const n = c.candidate;
  const prompt = useStudioStore((s) => s.loop.prompt);
  const availability = useStudioStore(useShallow((s) => continueAvailability(s.loop, n)));
  const continueFrom = useStudioStore((s) => s.continueFromCandidate);
  const openCompare = useStudioStore((s) => s.openCompare);
  const compareWith = useStudioStore((s) =>
    s.loop.rounds[0] && !chosen ? s.loop.rounds[0].id : (s.loop.candidates?.find((o) => o.candidate !== n && o.svg)?.id ?? null),
  );
  const verdict = candidateVerdict(c);
  const partial = c.critique ?? readPartialCritique(c.critiqueText);
  const score = c.critique?.score ?? partial.score;

  return (
    <article
      aria-label={`Candidate ${n}`}
      data-candidate={n}
      className={`flex h-full flex-col gap-2 rounded-md border p-2 ${chosen ? "border-emerald-500 ring-1 ring-emerald-300" : "border-slate-200"}`}
    >
      <header className="flex flex-wrap items-center gap-1.5">
        <h3 className="text-sm font-semibold text-slate-800">Candidate {n}</h3>
        {chosen && <span className="rounded bg-emerald-600 px-1.5 text-xs font-medium text-white">Chosen</span>}
        {picked && <span className="rounded bg-indigo-100 px-1.5 text-xs font-medium text-indigo-800">Your pick</span>}
        <span className={`rounded px-1.5 text-xs ${verdict === "pending" ? "text-slate-600" : VERDICT_TONE[verdict]}`}>
          {verdict === "pending" ? PHASE_LABEL[c.phase] : VERDICT_LABEL[verdict]}
          {verdict === "pending" && streaming && <span className="ml-0.5 inline-block animate-pulse">…</span>}
        </span>
        <span className="ml-auto font-mono text-sm font-semibold tabular-nums text-slate-900" aria-label="Score">
          {score !== undefined ? formatScore(score) : "– / 10"}
        </span>
      </header>
      <div className="flex gap-2">
        <figure className="flex flex-col items-center gap-0.5">
          <SvgPreview source={c.modelText} streaming={streaming} label={`Live preview of candidate ${n}`} size={96} />
          <figcaption className="text-[11px] text-slate-600">Preview</figcaption>
        </figure>
        <figure className="flex flex-col items-center gap-0.5">
          <div className="flex h-[96px] w-[96px] items-center justify-center rounded border border-slate-200 bg-slate-50">
            {c.png ? (
              // eslint-disable-next-line @next/next/no-img-element -- the exact PNG data URL sent to the critic
              <img src={c.png} alt={`What the critic saw for candidate ${n}`} width={96} height={96} />
            ) : (
              <span className="px-1 text-center text-[11px] text-slate-600">{c.phase === "rendering" ? "Rendering…" : "Not rendered"}</span>
            )}
          </div>
          <figcaption className="text-[11px] text-slate-600">Critic saw</figcaption>
        </figure>
      </div>
      <p className="line-clamp-3 text-xs text-slate-700">
        {c.error
          ? c.error.message
          : c.phase === "stopped"
            ? "Stopped before it finished."
            : (partial.critique ?? (c.phase === "critiquing" ? "The critic is looking…" : ""))}
      </p>
      <p className="text-[11px] text-slate-600">seed {c.seed}</p>
      <div className="mt-auto flex flex-wrap items-center gap-1.5">
        <button
          type="button"
          disabled={!availability.enabled}
          title={availability.reason}
          aria-describedby={`candidate-${n}-why`}
          onClick={() => continueFrom(n)}
          className="rounded border border-indigo-300 bg-indigo-50 px-2 py-1 text-xs font-medium text-indigo-800 hover:bg-indigo-100 disabled:cursor-not-allowed disabled:border-slate-300 disabled:bg-white disabled:text-slate-600"
        >
          Continue from this
        </button>
        <span id={`candidate-${n}-why`} className="sr-only">
          {availability.reason}
        </span>
        {c.svg && compareWith && (
          <button
            type="button"
            onClick={() => openCompare(compareWith, c.id)}
            className="rounded border border-slate-300 px-2 py-1 text-xs text-slate-700 hover:bg-slate-100"
          >
            Compare
          </button>
        )}
      </div>
      {c.svg && !streaming && <CandidateExport candidate={c} prompt={prompt} />}
    </article>
  );
});

/** A candidate's Export region, made when first opened (SVGO and the previews cost nothing until then). */
function CandidateExport({ candidate, prompt }: { candidate: Round; prompt: string }) {
  const [opened, setOpened] = useState(false);
  return (
    <details className="text-xs" onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary className="cursor-pointer text-slate-700">Export</summary>
      <div className="mt-1">{opened && <ExportPanel round={candidate} prompt={prompt} />}</div>
    </details>
  );
}
