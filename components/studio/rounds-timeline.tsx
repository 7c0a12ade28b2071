"use client";

import { selectActiveRound, selectBestRound } from "@/lib/loop/loop-selectors";
import { RoundCard } from "./round-card";
import { useStudioStore } from "./studio-store-provider";

export function RoundsTimeline() {
  const loop = useStudioStore((s) => s.loop);
  const best = selectBestRound(loop);
  const active = selectActiveRound(loop);
  const last = loop.rounds[loop.rounds.length - 1];

  if (loop.rounds.length === 0) {
    return (
      <div className="flex h-full min-h-64 flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
        <p className="text-base font-medium text-slate-700">{loop.status === "running" ? "Starting the loop…" : "No rounds yet"}</p>
        <p className="max-w-md text-sm text-slate-500">
          Type a prompt and press Generate. Each round streams in here: the SVG code with a live preview, the exact image the
          critic saw, its critique and score. The loop stops when the score reaches the threshold or the rounds run out.
        </p>
      </div>
    );
  }

  return (
    <section aria-label="Rounds" className="flex flex-col gap-3">
      {loop.rounds.map((round) => (
        <RoundCard
          key={round.id}
          round={round}
          isBest={best?.id === round.id && loop.status !== "running"}
          isActive={active?.id === round.id}
          canRetry={round === last && round.phase === "failed" && loop.status !== "running"}
        />
      ))}
    </section>
  );
}
