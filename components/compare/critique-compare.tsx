"use client";

import type { ReactNode } from "react";
import { readPartialCritique } from "@/lib/introsvg/critique-parser";
import { formatScoreChange, scoreChange } from "@/lib/loop/round-compare";
import { formatScore, roundTitle } from "../studio/round-labels";
import { sideName, type CompareSide } from "./compare-types";

/**
 * The two critiques side by side, row against row: the scores (with the change), the critiques,
 * then the suggestions. The left round's suggestions sit beside the right round's, under its
 * result, so one can see whether the refinement did what the critic asked.
 */
export function CritiqueCompare({ left, right }: { left: CompareSide; right: CompareSide }) {
  const delta = scoreChange(left.round, right.round);
  const refinedFromLeft = !right.otherSession && !left.otherSession && right.round.sourceIndex === left.round.index;
  return (
    <section aria-label="Critiques" className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
      <ScoreHead side={left} />
      <ScoreHead side={right} delta={delta} against={left} />
      <Block title={`Critique of ${sideName(left)}`}>
        <CritiqueText side={left} />
      </Block>
      <Block title={`Critique of ${sideName(right)}`}>
        <CritiqueText side={right} />
      </Block>
      <Block
        title={refinedFromLeft ? `Suggestions for ${sideName(left)}: what ${sideName(right)} was asked to do` : `Suggestions for ${sideName(left)}`}
        tone="asked"
      >
        <Suggestions side={left} />
      </Block>
      <Block title={`Suggestions for ${sideName(right)}`}>
        <Suggestions side={right} />
      </Block>
    </section>
  );
}

function ScoreHead({ side, delta, against }: { side: CompareSide; delta?: number | null; against?: CompareSide }) {
  const { round } = side;
  // A score still arriving is marked so; a critique cut short gives none.
  const partial = round.critique || round.phase !== "critiquing" ? null : readPartialCritique(round.critiqueText);
  return (
    <h3 className="flex flex-wrap items-baseline gap-x-2 border-b border-slate-200 pb-1 font-semibold text-slate-900">
      <span>{roundTitle(round)}</span>
      <span className="font-mono tabular-nums">
        {round.critique ? formatScore(round.critique.score) : partial?.score !== undefined ? `${formatScore(partial.score)} (arriving)` : "not critiqued"}
      </span>
      {delta !== undefined && delta !== null && against && (
        <span
          className={`rounded px-1.5 font-mono text-sm tabular-nums ${delta > 0 ? "bg-emerald-100 text-emerald-900" : delta < 0 ? "bg-red-100 text-red-900" : "bg-slate-100 text-slate-800"}`}
          title={`Score change from ${sideName(against)}`}
        >
          <span className="sr-only">Score change: </span>
          {formatScoreChange(delta)}
        </span>
      )}
    </h3>
  );
}

function Block({ title, tone, children }: { title: string; tone?: "asked"; children: ReactNode }) {
  return (
    <div className={`min-w-0 rounded border p-2 ${tone === "asked" ? "border-indigo-200 bg-indigo-50" : "border-slate-200 bg-white"}`}>
      <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-700">{title}</h4>
      {children}
    </div>
  );
}

function CritiqueText({ side }: { side: CompareSide }) {
  const { round } = side;
  if (round.critique) return <p className="whitespace-pre-wrap text-slate-900">{round.critique.critique}</p>;
  const partial = readPartialCritique(round.critiqueText);
  if (partial.critique) return <p className="whitespace-pre-wrap text-slate-900">{partial.critique}…</p>;
  return <p className="text-slate-700">{notCritiquedReason(side)}</p>;
}

function Suggestions({ side }: { side: CompareSide }) {
  const { round } = side;
  if (round.critique) return <p className="whitespace-pre-wrap text-slate-900">{round.critique.suggestions}</p>;
  return <p className="text-slate-700">{notCritiquedReason(side)}</p>;
}

function notCritiquedReason({ round, streaming }: CompareSide): string {
  if (streaming) return "Not critiqued yet: the round is still streaming.";
  if (round.phase === "rendering") return "Not critiqued yet: being rendered for the critic.";
  if (round.phase === "critiquing") return "The critic is looking at the image…";
  if (round.error?.step === "critique") return `The critique failed: ${round.error.message}`;
  if (round.error) return `Not critiqued: the ${round.error.step} step failed.`;
  if (round.phase === "stopped") return round.stoppedStep === "critique" ? "Stopped at its critique: no score." : "Not critiqued: stopped first.";
  return "Not critiqued.";
}
