"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { Round } from "@/lib/loop/loop-types";
import { LazySvgDiffView } from "../editor/lazy-monaco";
import { SvgPreview } from "../studio/svg-preview";
import { formatScore, roundTitle } from "../studio/round-labels";
import { useStudioStore } from "../studio/studio-store-provider";

/** Two rounds side by side at the same size, with their critiques and a diff of their code. */
export function CompareDialog() {
  const compare = useStudioStore((s) => s.compare);
  const rounds = useStudioStore((s) => s.loop.rounds);
  const openCompare = useStudioStore((s) => s.openCompare);
  const closeCompare = useStudioStore((s) => s.closeCompare);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [background, setBackground] = useState<"white" | "checkerboard">("white");
  const ids = { title: useId(), left: useId(), right: useId() };

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (compare && !dialog.open) dialog.showModal();
    if (!compare && dialog.open) dialog.close();
  }, [compare]);

  const left = rounds.find((r) => r.id === compare?.leftId) ?? null;
  const right = rounds.find((r) => r.id === compare?.rightId) ?? null;
  const choices = rounds.filter((r) => r.svg);

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={ids.title}
      onClose={closeCompare}
      className="m-auto w-[min(1180px,96vw)] max-h-[94vh] rounded-xl border border-slate-300 p-0 shadow-2xl backdrop:bg-slate-900/40"
    >
      {compare && left && right && (
        <div className="flex flex-col gap-3 p-4">
          <header className="flex flex-wrap items-center gap-3">
            <h2 id={ids.title} className="text-base font-semibold">
              Compare rounds
            </h2>
            <label htmlFor={ids.left} className="text-sm text-slate-600">
              Left round
            </label>
            <RoundSelect id={ids.left} rounds={choices} value={left.id} onChange={(id) => openCompare(id, right.id)} />
            <label htmlFor={ids.right} className="text-sm text-slate-600">
              Right round
            </label>
            <RoundSelect id={ids.right} rounds={choices} value={right.id} onChange={(id) => openCompare(left.id, id)} />
            <fieldset className="flex items-center gap-2 text-sm">
              <legend className="sr-only">Background</legend>
              {(["white", "checkerboard"] as const).map((b) => (
                <label key={b} className="flex items-center gap-1">
                  <input type="radio" name="compare-background" checked={background === b} onChange={() => setBackground(b)} />
                  {b === "white" ? "White" : "Checkerboard"}
                </label>
              ))}
            </fieldset>
            <button
              type="button"
              onClick={closeCompare}
              className="ml-auto rounded border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-100"
            >
              Close
            </button>
          </header>
          <div className="grid grid-cols-2 gap-4">
            <CompareSide round={left} side="Left" background={background} />
            <CompareSide round={right} side="Right" background={background} />
          </div>
          <section aria-label="Code diff" className="h-72 overflow-hidden rounded border border-slate-300">
            <LazySvgDiffView original={left.svg ?? ""} modified={right.svg ?? ""} />
          </section>
        </div>
      )}
    </dialog>
  );
}

function RoundSelect({ id, rounds, value, onChange }: { id: string; rounds: Round[]; value: string; onChange: (id: string) => void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="rounded border border-slate-300 px-1 py-1 text-sm">
      {rounds.map((r) => (
        <option key={r.id} value={r.id}>
          {roundTitle(r)}
          {r.critique ? ` — ${r.critique.score.toFixed(1)}` : ""}
        </option>
      ))}
    </select>
  );
}

function CompareSide({ round, side, background }: { round: Round; side: string; background: "white" | "checkerboard" }) {
  const tokens = [
    round.generation?.usage.outputTokens !== undefined ? `${round.generation.usage.outputTokens} SVG tokens` : null,
    round.critiqueMeta?.usage.outputTokens !== undefined ? `${round.critiqueMeta.usage.outputTokens} critique tokens` : null,
    `${(round.svg ?? "").length.toLocaleString()} chars`,
  ].filter(Boolean);
  return (
    <section aria-label={`${side}: round ${round.index}`} className="flex gap-3">
      <SvgPreview key={round.id} source={round.svg ?? ""} streaming={false} label={`${side} preview: round ${round.index}`} size={240} background={background} />
      <div className="flex min-w-0 flex-col gap-1 text-sm">
        <p className="font-medium">{roundTitle(round)}</p>
        <p className="font-mono text-lg">{round.critique ? formatScore(round.critique.score) : "not critiqued"}</p>
        <p className="text-xs text-slate-500">{tokens.join(" · ")}</p>
        {round.critique && <p className="max-h-40 overflow-auto whitespace-pre-wrap text-slate-700">{round.critique.critique}</p>}
      </div>
    </section>
  );
}
