"use client";

import { memo, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { selectBestRound } from "@/lib/loop/loop-selectors";
import type { LoopState, Round } from "@/lib/loop/loop-types";
import { comparableRounds, isRoundStreaming, roundPicture, stepRoundId } from "@/lib/loop/round-compare";
import type { CompareSelection } from "@/lib/store/studio-store";
import { useSessionDetail, useSessionList } from "../history/use-sessions";
import { formatScore, PHASE_LABEL, roundTitle } from "../studio/round-labels";
import { useStudioStore } from "../studio/studio-store-provider";
import { useThrottledValue } from "../studio/use-throttled-value";
import { CodeCompare } from "./code-compare";
import { FOCUS_RING, sideName, VISUAL_MODES, type CompareSide, type PreviewBackground, type VisualMode } from "./compare-types";
import { CritiqueCompare } from "./critique-compare";
import { tabbables } from "./focus";
import { OverlayCompare, SidePreview } from "./visual-compare";

/** Where the keys ←/→ have a meaning of their own: text, sliders, radios, selects, the code editors. */
function arrowsBelongTo(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.closest(".monaco-editor") || el.isContentEditable) return true;
  if (el.tagName === "SELECT" || el.tagName === "TEXTAREA") return true;
  return el.tagName === "INPUT" && !["checkbox", "button", "submit", "reset"].includes((el as HTMLInputElement).type);
}

export interface CompareViewProps {
  selection: CompareSelection;
  titleId: string;
  dialogRef: RefObject<HTMLDialogElement | null>;
}

/**
 * While the loop runs it changes with every streamed token; the dialog follows it five times a
 * second (its selects and panels always from the same snapshot), not at the stream's pace.
 */
export function CompareView(props: CompareViewProps) {
  const live = useStudioStore((s) => s.loop);
  const loop = useThrottledValue(live, live.status === "running" ? 200 : 0);
  return <CompareBody {...props} loop={loop} />;
}

const CompareBody = memo(function CompareBody({ selection, titleId, dialogRef, loop }: CompareViewProps & { loop: LoopState }) {
  const sessionId = useStudioStore((s) => s.sessionId);
  const openCompare = useStudioStore((s) => s.openCompare);
  const closeCompare = useStudioStore((s) => s.closeCompare);
  const [mode, setMode] = useState<VisualMode>("side");
  const [background, setBackground] = useState<PreviewBackground>("white");
  // The right side may show a round of another stored session (a fork, another profile…).
  const [otherId, setOtherId] = useState<string | null>(null);
  const [otherRoundId, setOtherRoundId] = useState<string | null>(null);
  const other = useSessionDetail(otherId);
  const sessions = useSessionList("");

  const comparable = comparableRounds(loop);
  const leftRound = comparable.find((r) => r.id === selection.leftId) ?? null;
  const left: CompareSide | null = leftRound && { round: leftRound, streaming: isRoundStreaming(loop, leftRound), otherSession: null };

  let right: CompareSide | null = null;
  let rightChoices: Round[] = [];
  let rightProblem: string | null = null;
  if (otherId === null) {
    const round = comparable.find((r) => r.id === selection.rightId) ?? null;
    right = round && { round, streaming: isRoundStreaming(loop, round), otherSession: null };
    rightChoices = comparable;
    if (!round) rightProblem = "That round is not in this session.";
  } else if (other.data) {
    const detail = other.data;
    const round = detail.rounds.find((r) => r.id === otherRoundId) ?? selectBestRound(detail) ?? detail.rounds[detail.rounds.length - 1] ?? null;
    right = round && {
      round,
      streaming: false,
      otherSession: { id: detail.id, title: detail.title, forkOfThisAt: sessionId && detail.forkedFromId === sessionId ? detail.forkedFromRound : null },
    };
    rightChoices = detail.rounds;
    if (!round) rightProblem = "That session has no rounds yet.";
  } else {
    rightProblem = other.error ? `Could not open that session: ${other.error.message}` : "Loading the session…";
  }

  const pickRight = (id: string) => (otherId === null ? openCompare(selection.leftId, id) : setOtherRoundId(id));

  // ←/→ move the right-hand round (the left stays), except where the arrows belong to a control.
  const onArrow = useRef<(event: KeyboardEvent) => void>(() => {});
  useLayoutEffect(() => {
    onArrow.current = (event) => {
      if ((event.key !== "ArrowLeft" && event.key !== "ArrowRight") || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (arrowsBelongTo(event.target) || !right) return;
      event.preventDefault();
      pickRight(stepRoundId(rightChoices, right.round.id, event.key === "ArrowRight" ? 1 : -1));
    };
  });
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const onKey = (event: KeyboardEvent) => onArrow.current(event);
    dialog.addEventListener("keydown", onKey);
    return () => dialog.removeEventListener("keydown", onKey);
  }, [dialogRef]);

  // Opened before this view had loaded, the dialog holds the focus itself: hand it to the first control.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && (document.activeElement === dialog || !dialog.contains(document.activeElement))) tabbables(dialog)[0]?.focus();
  }, [dialogRef]);

  // The history comes a page at a time; "More sessions" asks for the next one.
  const otherSessions = (sessions.data?.pages.flatMap((page) => page.sessions) ?? []).filter((s) => s.id !== sessionId);
  const ids = { sessions: useId() };

  return (
    <div className="flex flex-col gap-4 p-4">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          Compare rounds
        </h2>
        <div role="group" aria-label="Visual comparison" className="flex overflow-hidden rounded-md border border-slate-400 bg-white">
          {VISUAL_MODES.map(({ mode: m, label, hint }) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              title={hint}
              onClick={() => setMode(m)}
              // The ring sits inside the button (the group clips what is outside), white on the pressed one.
              className={`border-l border-slate-300 px-2.5 py-1 text-sm font-medium first:border-l-0 focus-visible:outline-2 focus-visible:outline-solid focus-visible:-outline-offset-4 ${
                mode === m ? "bg-indigo-700 text-white focus-visible:outline-white" : "text-slate-800 hover:bg-slate-100 focus-visible:outline-indigo-700"
              }`}
            >
              {label}
            </button>
          ))}
        </div>
        <fieldset className="flex items-center gap-3 text-sm text-slate-900">
          <legend className="sr-only">Background</legend>
          {(["white", "checkerboard"] as const).map((b) => (
            <label key={b} className="flex items-center gap-1">
              <input
                type="radio"
                name="compare-background"
                checked={background === b}
                onChange={() => setBackground(b)}
                className={`accent-indigo-700 ${FOCUS_RING}`}
              />
              {b === "white" ? "White" : "Checkerboard"}
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          onClick={closeCompare}
          className={`ml-auto rounded border border-slate-400 bg-white px-3 py-1 text-sm font-medium text-slate-900 hover:bg-slate-100 ${FOCUS_RING}`}
        >
          Close
        </button>
      </header>

      <div className="grid grid-cols-2 grid-rows-[auto_auto] gap-x-4 gap-y-3">
        <SideSection side={left} label="Left" problem={left ? null : "That round is not in this session."}>
          <SideHeader
            label="Left"
            side={left}
            choices={comparable}
            streamingOf={(r) => isRoundStreaming(loop, r)}
            onPick={(id) => openCompare(id, selection.rightId)}
            origin={<>This session{loop.prompt ? <>: “{loop.prompt}”</> : null}</>}
          />
          {mode === "side" && left && <SidePreview side={left} label="Left" background={background} />}
        </SideSection>
        <SideSection side={right} label="Right" problem={rightProblem}>
          <SideHeader
            label="Right"
            side={right}
            choices={rightChoices}
            streamingOf={(r) => otherId === null && isRoundStreaming(loop, r)}
            onPick={pickRight}
            origin={
              right?.otherSession ? (
                <>
                  Another session: “{right.otherSession.title}”
                  {right.otherSession.forkOfThisAt !== null && <> (a fork of this session at round {right.otherSession.forkOfThisAt})</>}
                </>
              ) : otherId !== null ? (
                <>Another session</>
              ) : (
                <>This session{loop.prompt ? <>: “{loop.prompt}”</> : null}</>
              )
            }
            problem={rightProblem}
            hint={
              <span className="text-xs text-slate-700">
                <kbd className="rounded border border-slate-400 bg-white px-1">←</kbd> <kbd className="rounded border border-slate-400 bg-white px-1">→</kbd>{" "}
                change it · <kbd className="rounded border border-slate-400 bg-white px-1">Esc</kbd> closes
              </span>
            }
          >
            <div className="flex min-w-0 flex-wrap items-center gap-2">
              <label htmlFor={ids.sessions} className="text-sm text-slate-900">
                Compare with another session
              </label>
              <select
                id={ids.sessions}
                value={otherId ?? ""}
                onChange={(e) => {
                  setOtherId(e.target.value || null);
                  setOtherRoundId(null);
                }}
                className={`min-w-48 max-w-full flex-1 rounded border border-slate-400 bg-white px-1 py-1 text-sm text-slate-900 ${FOCUS_RING}`}
              >
                <option value="">No: this session</option>
                {sessions.isPending && (
                  <option value="" disabled>
                    Loading sessions…
                  </option>
                )}
                {otherSessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title} — {s.roundCount} round{s.roundCount === 1 ? "" : "s"}
                    {s.bestScore !== null ? `, best ${s.bestScore.toFixed(1)}` : ""}
                  </option>
                ))}
              </select>
              {sessions.hasNextPage && (
                <button
                  type="button"
                  disabled={sessions.isFetchingNextPage}
                  onClick={() => void sessions.fetchNextPage()}
                  className={`rounded border border-slate-400 bg-white px-2 py-1 text-xs font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-60 ${FOCUS_RING}`}
                >
                  {sessions.isFetchingNextPage ? "Loading…" : "More sessions"}
                </button>
              )}
              {sessions.error && (
                <span role="alert" className="text-xs text-red-800">
                  Could not list sessions: {sessions.error.message}
                </span>
              )}
              {sessions.data && otherSessions.length === 0 && <span className="basis-full text-xs text-slate-700">No other sessions in the history yet.</span>}
            </div>
          </SideHeader>
          {mode === "side" && right && <SidePreview side={right} label="Right" background={background} />}
        </SideSection>
      </div>

      {left && right && mode !== "side" && (
        <OverlayCompare mode={mode} left={left} right={right} background={background} target={loop.settings.target ?? null} />
      )}
      {left && right && <CritiqueCompare left={left} right={right} />}
      {left && right && <CodeCompare left={left} right={right} />}
    </div>
  );
});

function SideSection({ side, label, problem, children }: { side: CompareSide | null; label: string; problem: string | null; children: ReactNode }) {
  return (
    <section
      aria-label={side ? `${label}: ${sideName(side)}` : `${label}: ${problem ?? "no round"}`}
      className="row-span-2 grid min-w-0 grid-rows-subgrid justify-items-center gap-y-3"
    >
      {children}
    </section>
  );
}

/** The statuses a round can be in, for its option in a select. */
function optionStatus(round: Round, streaming: boolean): string {
  if (streaming) return "streaming";
  if (round.critique) return round.critique.score.toFixed(1);
  if (round.phase === "failed" || round.phase === "stopped")
    return round.svg ? PHASE_LABEL[round.phase].toLowerCase() : `${PHASE_LABEL[round.phase].toLowerCase()}, no SVG`;
  if (round.phase === "generating") return "generating";
  if (round.phase === "rendering" || round.phase === "critiquing") return PHASE_LABEL[round.phase].toLowerCase();
  return "not critiqued";
}

interface SideHeaderProps {
  label: "Left" | "Right";
  side: CompareSide | null;
  choices: Round[];
  streamingOf: (round: Round) => boolean;
  onPick: (id: string) => void;
  origin: ReactNode;
  problem?: string | null;
  /** Shown after the select. */
  hint?: ReactNode;
  children?: ReactNode;
}

function SideHeader({ label, side, choices, streamingOf, onPick, origin, problem, hint, children }: SideHeaderProps) {
  const selectId = useId();
  const round = side?.round;
  const picture = side ? roundPicture(side.round, side.streaming) : null;
  const tokens = round
    ? [
        round.generation?.usage.outputTokens !== undefined ? `${round.generation.usage.outputTokens} SVG tokens` : null,
        round.critiqueMeta?.usage.outputTokens !== undefined ? `${round.critiqueMeta.usage.outputTokens} critique tokens` : null,
        `${(round.svg ?? round.modelText).length.toLocaleString("en")} chars`,
      ].filter(Boolean)
    : [];
  return (
    <div className="flex w-full min-w-0 flex-col gap-1.5 self-start">
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <label htmlFor={selectId} className="text-sm font-medium text-slate-900">
          {label} round
        </label>
        <select
          id={selectId}
          value={round?.id ?? ""}
          disabled={!round}
          onChange={(e) => onPick(e.target.value)}
          className={`min-w-0 max-w-full rounded border border-slate-400 bg-white px-1 py-1 text-sm text-slate-900 ${FOCUS_RING}`}
        >
          {!round && <option value="">—</option>}
          {choices.map((r) => (
            <option key={r.id} value={r.id}>
              {roundTitle(r)} — {optionStatus(r, streamingOf(r))}
            </option>
          ))}
        </select>
        {hint}
      </div>
      {children}
      <p className="truncate text-xs text-slate-700">{origin}</p>
      {side && round ? (
        <>
          <p className="flex flex-wrap items-baseline gap-x-2 text-sm text-slate-900">
            <span className="font-semibold">{roundTitle(round)}</span>
            <span className="font-mono tabular-nums">{round.critique ? formatScore(round.critique.score) : "not critiqued"}</span>
            {side.streaming && <span className="rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-900">streaming</span>}
            <span className="text-xs text-slate-700">{tokens.join(" · ")}</span>
          </p>
          {picture && (picture.source === null ? picture.reason : picture.note) && (
            <p className="text-xs text-slate-800">{picture.source === null ? `No SVG to show. ${picture.reason}` : picture.note}</p>
          )}
        </>
      ) : (
        <p className="text-sm text-slate-800">{problem}</p>
      )}
    </div>
  );
}
