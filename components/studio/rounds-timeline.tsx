"use client";

import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from "react";
import { selectActiveRound, selectBestRound, selectPreviousRound, selectShownRound } from "@/lib/loop/loop-selectors";
import { RoundCard } from "./round-card";
import { ScoreChart } from "./score-chart";
import { useStudioStore } from "./studio-store-provider";

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || !!el.closest(".monaco-editor"));
}

export function RoundsTimeline() {
  const loop = useStudioStore((s) => s.loop);
  const selectedRoundId = useStudioStore((s) => s.selectedRoundId);
  const selectRound = useStudioStore((s) => s.selectRound);
  const openCompare = useStudioStore((s) => s.openCompare);
  const best = selectBestRound(loop);
  const active = selectActiveRound(loop);
  const shown = selectShownRound(loop, selectedRoundId);
  const last = loop.rounds[loop.rounds.length - 1];

  const moveTo = (index: number, focus: boolean) => {
    const target = loop.rounds[Math.min(loop.rounds.length - 1, Math.max(0, index))];
    if (!target) return;
    selectRound(target.id);
    const card = document.querySelector<HTMLElement>(`[data-round-id="${target.id}"]`);
    if (focus) card?.focus();
    else card?.scrollIntoView({ block: "nearest" });
  };
  const compareShown = () => {
    const previous = shown ? selectPreviousRound(loop, shown) : null;
    if (shown && previous) openCompare(previous.id, shown.id);
    else if (loop.rounds.length >= 2) openCompare(loop.rounds[loop.rounds.length - 2].id, loop.rounds[loop.rounds.length - 1].id);
  };

  // A new round scrolls into view while the loop runs, unless the user has picked a round to look at.
  const lastId = last?.id;
  useEffect(() => {
    if (loop.status !== "running" || selectedRoundId || !lastId || lastId === loop.rounds[0]?.id) return;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    document.querySelector(`[data-round-id="${lastId}"]`)?.scrollIntoView({ block: "nearest", behavior: smooth ? "smooth" : "auto" });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new round should scroll, not every streamed token
  }, [lastId, loop.status, selectedRoundId]);

  // Anywhere on the page (outside text fields and the editor): [ and ] move between rounds, C
  // compares. Registered once; the handler reads the latest render's state through a ref, so a
  // streaming round does not re-register it on every token.
  const onGlobalKey = useRef<(event: globalThis.KeyboardEvent) => void>(() => {});
  useLayoutEffect(() => {
    onGlobalKey.current = (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || document.querySelector("dialog[open]")) return;
      const at = shown ? shown.index - 1 : loop.rounds.length - 1;
      if (event.key === "[" || event.key === "]") {
        event.preventDefault();
        moveTo(at + (event.key === "]" ? 1 : -1), false);
      } else if (event.key === "c" || event.key === "C") {
        event.preventDefault();
        compareShown();
      }
    };
  });
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => onGlobalKey.current(event);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (loop.rounds.length === 0 && loop.status === "paused") {
    // A stored session cut off before its first round finished: its prompt and settings are in
    // the form above, and Resume starts it.
    return (
      <div className="flex min-h-64 flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
        <p className="text-base font-medium text-slate-700">Interrupted before its first round finished</p>
        <p className="max-w-md text-sm text-slate-600">
          This session&apos;s prompt and settings are above. Press Resume to start it (or Generate to start a new session from them).
        </p>
      </div>
    );
  }
  if (loop.rounds.length === 0) {
    // The draft step's candidates show above; round 1 is the one chosen from them.
    if (loop.candidates?.length) return null;
    return (
      <div className="flex min-h-64 flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
        <p className="text-base font-medium text-slate-700">{loop.status === "running" ? "Starting the loop…" : "No rounds yet"}</p>
        <p className="max-w-md text-sm text-slate-600">
          Type a prompt and press Generate. Each round streams in here: the SVG code with a live preview, the exact image the critic saw, its critique and
          score. The loop stops when the score reaches the threshold or the rounds run out.
        </p>
      </div>
    );
  }

  const handleKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const card = (event.target as HTMLElement).closest<HTMLElement>("[data-round-id]");
    if (!card || card !== event.target) return;
    const at = loop.rounds.findIndex((r) => r.id === card.dataset.roundId);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: loop.rounds.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key], true);
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center gap-2">
        <div className="min-w-0 flex-1">
          <ScoreChart
            loop={loop}
            selectedId={shown?.id ?? null}
            onSelect={(id) =>
              moveTo(
                loop.rounds.findIndex((r) => r.id === id),
                false,
              )
            }
          />
        </div>
        <button
          type="button"
          disabled={loop.rounds.length < 2}
          onClick={compareShown}
          title="Compare two rounds side by side (C)"
          className="self-start rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40"
        >
          Compare rounds
        </button>
      </div>
      <p className="text-xs text-slate-600">
        <kbd className="rounded border border-slate-300 bg-slate-100 px-1">↑</kbd>/<kbd className="rounded border border-slate-300 bg-slate-100 px-1">↓</kbd> on
        a round or <kbd className="rounded border border-slate-300 bg-slate-100 px-1">[</kbd>/
        <kbd className="rounded border border-slate-300 bg-slate-100 px-1">]</kbd> move between rounds ·{" "}
        <kbd className="rounded border border-slate-300 bg-slate-100 px-1">C</kbd> compares the shown round with the previous one
      </p>
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- arrow keys of the feed pattern */}
      <section aria-label="Rounds" className="flex flex-col gap-3" onKeyDown={handleKeyDown}>
        {loop.rounds.map((round) => (
          <RoundCard
            key={round.id}
            round={round}
            isBest={best?.id === round.id && loop.status !== "running"}
            isActive={active?.id === round.id}
            isSelected={shown?.id === round.id}
            canRetry={round === last && (round.phase === "failed" || round.phase === "stopped") && loop.status !== "running"}
            previous={selectPreviousRound(loop, round)}
          />
        ))}
      </section>
    </div>
  );
}
