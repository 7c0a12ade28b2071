"use client";

import { useRouter } from "next/navigation";
import { memo } from "react";
import { useSessionMutations } from "../history/use-sessions";
import { readPartialCritique } from "@/lib/introsvg/critique-parser";
import type { Round } from "@/lib/loop/loop-types";
import { selectRoundScore } from "@/lib/loop/loop-selectors";
import { SvgPreview } from "./svg-preview";
import { RoundNotes } from "./round-notes";
import { formatScore, PHASE_LABEL, roundTitle } from "./round-labels";
import { formatImageMatch } from "@/lib/metrics/image-similarity";
import { useStudioStore } from "./studio-store-provider";

interface RoundCardProps {
  round: Round;
  isBest: boolean;
  isActive: boolean;
  isSelected: boolean;
  canRetry: boolean;
  previous: Round | null;
}

/**
 * Memoised: rounds are immutable records, so while one round streams the others, whose props
 * keep their identity, are not re-rendered for every token.
 */
export const RoundCard = memo(function RoundCard({ round, isBest, isActive, isSelected, canRetry, previous }: RoundCardProps) {
  const retryStep = useStudioStore((s) => s.retryStep);
  const selectRound = useStudioStore((s) => s.selectRound);
  const openCompare = useStudioStore((s) => s.openCompare);
  const singlePass = useStudioStore((s) => s.loop.settings.singlePass === true);
  const generating = isActive && round.phase === "generating";
  const critiquing = isActive && round.phase === "critiquing";
  const partial = round.critique ?? readPartialCritique(round.critiqueText);
  // Only a finished critique scores a round: a cut-off critique's "score" is not one.
  const score = selectRoundScore(round) ?? undefined;
  const stoppedCritique = round.phase === "stopped" && round.stoppedStep === "critique";
  const name = `${roundTitle(round)}${score !== undefined ? `, score ${score.toFixed(1)}` : ""}${round.match ? `, SSIM ${round.match.ssim.toFixed(3)}` : ""}${isBest ? ", best" : ""}`;

  return (
    // The timeline follows the WAI-ARIA feed pattern: each round is a focusable article, moved
    // between with the arrow keys; focusing one selects it, and a click does the same.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions, jsx-a11y/click-events-have-key-events
    <article
      aria-label={name}
      aria-current={isSelected ? "true" : undefined}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- feed pattern, see above
      tabIndex={0}
      data-round-id={round.id}
      onClick={() => selectRound(round.id)}
      onFocus={(e) => {
        if (e.target === e.currentTarget) selectRound(round.id);
      }}
      className={`scroll-mt-4 rounded-lg border bg-white shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-700 ${
        isBest ? "border-emerald-400" : "border-slate-200"
      } ${isSelected ? "ring-2 ring-indigo-300" : ""}`}
    >
      <header className="flex items-center gap-2 border-b border-slate-100 px-3 py-2">
        <h3 className="text-sm font-semibold text-slate-800">{roundTitle(round)}</h3>
        {round.finalCritique && <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">final critique, T=0</span>}
        {isBest && <span className="rounded bg-emerald-100 px-1.5 text-xs font-medium text-emerald-800">Best</span>}
        <span className={`text-xs ${round.phase === "failed" || round.phase === "stopped" ? "text-red-700" : "text-slate-600"}`}>
          {isActive || round.phase === "failed" || round.phase === "stopped" ? PHASE_LABEL[round.phase] : ""}
          {isActive && round.phase !== "done" && <span className="ml-1 inline-block animate-pulse">…</span>}
        </span>
        {previous?.svg && round.svg && (
          <button
            type="button"
            onClick={(e) => {
              e.stopPropagation();
              openCompare(previous.id, round.id);
            }}
            title={`Compare round ${previous.index} with round ${round.index} (C)`}
            className="ml-auto rounded border border-slate-300 px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-100"
          >
            Previous vs this
          </button>
        )}
        {round.match && (
          <span
            className={`${previous?.svg && round.svg ? "" : "ml-auto "}font-mono text-xs tabular-nums text-slate-700`}
            aria-label="Match with the target image"
            title="SArena's SSIM and PSNR of this round's render against the target image, both at 448×448 on white"
          >
            {formatImageMatch(round.match)}
          </span>
        )}
        <span
          className={`${(previous?.svg && round.svg) || round.match ? "" : "ml-auto "}whitespace-nowrap font-mono text-sm font-semibold tabular-nums text-slate-900`}
          aria-label="Score"
        >
          {score !== undefined ? formatScore(score) : "– / 10"}
        </span>
      </header>

      <div className="grid grid-cols-[auto_auto_minmax(0,1fr)] gap-3 p-3">
        <figure className="flex flex-col items-center gap-1">
          <SvgPreview source={round.modelText} streaming={generating} label={`Live preview of round ${round.index}`} size={128} />
          <figcaption className="text-xs text-slate-600">Preview</figcaption>
        </figure>
        <figure className="flex flex-col items-center gap-1">
          <div className="flex h-[128px] w-[128px] items-center justify-center rounded border border-slate-200 bg-slate-50">
            {round.png ? (
              // eslint-disable-next-line @next/next/no-img-element -- the exact PNG data URL sent to the critic
              <img src={round.png} alt={`What the critic saw for round ${round.index}`} width={128} height={128} />
            ) : (
              <span className="px-2 text-center text-xs text-slate-600">{round.phase === "rendering" ? "Rendering 200×200…" : "Not rendered yet"}</span>
            )}
          </div>
          <figcaption className="text-xs text-slate-600">Critic saw (200×200)</figcaption>
        </figure>
        <section aria-label={`Critique of round ${round.index}`} className="min-w-0 text-sm">
          {round.kind === "notes" && round.notes && (
            <div className="mb-2 rounded border border-indigo-200 bg-indigo-50 p-2" aria-label={`Your notes for round ${round.index}`}>
              <p className="text-xs font-medium text-indigo-900">Your notes{round.sourceIndex ? ` on round ${round.sourceIndex}` : ""}:</p>
              <p className="whitespace-pre-wrap text-indigo-900">{round.notes}</p>
            </div>
          )}
          {round.critique ? (
            <>
              <p className="whitespace-pre-wrap text-slate-800">{round.critique.critique}</p>
              <p className="mt-2 whitespace-pre-wrap text-slate-600">
                <span className="font-medium text-slate-700">Suggestions: </span>
                {round.critique.suggestions}
              </p>
            </>
          ) : partial.critique ? (
            <>
              {stoppedCritique && <p className="text-xs font-medium text-slate-600">The critique as far as it got (unfinished, not scored):</p>}
              <p className={`whitespace-pre-wrap ${stoppedCritique ? "text-slate-600" : "text-slate-700"}`} aria-busy={critiquing}>
                {partial.critique}
                {critiquing && <span className="ml-0.5 inline-block animate-pulse">▍</span>}
              </p>
            </>
          ) : (
            <p className="text-slate-600">
              {critiquing
                ? "The critic is looking at the image…"
                : singlePass && round.phase === "done"
                  ? "Not critiqued: this profile has no critic (a single pass)."
                  : "No critique yet."}
            </p>
          )}
          {(round.error || round.phase === "stopped") && (
            <div role="alert" className="mt-2 rounded border border-red-200 bg-red-50 p-2 text-sm text-red-800">
              <p>
                <span className="font-medium">
                  {round.error ? `${capitalise(round.error.step)} failed` : `Stopped at its ${STEP_NOUN[round.stoppedStep ?? "generate"]}`}:
                </span>{" "}
                {round.error?.message ?? STOPPED_TEXT[round.stoppedStep ?? "generate"]}
              </p>
              {round.error?.step === "critique" && round.critiqueText && !round.critique && (
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs">Raw critic output</summary>
                  <pre className="mt-1 max-h-32 overflow-auto whitespace-pre-wrap text-xs">{round.critiqueText}</pre>
                </details>
              )}
              {canRetry && (
                <button
                  type="button"
                  onClick={retryStep}
                  title={`Run the ${round.error?.step ?? round.stoppedStep} step of round ${round.index} again`}
                  className="mt-2 rounded border border-red-300 bg-white px-2 py-1 text-xs font-medium text-red-800 hover:bg-red-100"
                >
                  Retry
                </button>
              )}
            </div>
          )}
        </section>
      </div>

      <RoundCode round={round} streaming={generating} forkable={!isActive && round.phase === "done"} />
      {round.svg && !isActive && <RoundNotes round={round} />}
    </article>
  );
});

/** While streaming, the card shows the tail; a long settled text, its start (the editor has it all). */
const STREAMING_TAIL = 3_000;
const SETTLED_HEAD = 20_000;

/**
 * What the card's code view shows. Laying out (and scrolling to the end of) a whole growing SVG
 * on every streamed piece took hundreds of milliseconds per second of streaming.
 */
function codeExcerpt(text: string, streaming: boolean): string {
  if (streaming) return text.length > STREAMING_TAIL ? `…${text.slice(-STREAMING_TAIL)}` : text;
  if (text.length <= SETTLED_HEAD) return text;
  return `${text.slice(0, SETTLED_HEAD)}… (the first ${SETTLED_HEAD.toLocaleString()} of ${text.length.toLocaleString()} characters; the editor shows them all)`;
}

function RoundCode({ round, streaming, forkable }: { round: Round; streaming: boolean; forkable: boolean }) {
  const meta = round.generation;
  const shown = codeExcerpt(round.modelText, streaming);
  return (
    <div className="border-t border-slate-100 px-3 py-2">
      {/* Each detail keeps its words together; the row wraps between details, never inside one. */}
      <div className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-slate-600 [&>span]:whitespace-nowrap">
        <span className="font-medium text-slate-600">SVG code</span>
        <span>{round.modelText.length.toLocaleString()} chars</span>
        {meta?.usage.outputTokens !== undefined && <span>{meta.usage.outputTokens} tokens</span>}
        {round.kind === "edit" && <span>edited by hand</span>}
        {meta?.model && <span title="The model that wrote this round">written by {meta.model}</span>}
        {round.critiqueMeta?.model && <span title="The model that judged this round">judged by {round.critiqueMeta.model}</span>}
        {forkable && <ForkButton round={round} />}
        {meta && <span>{(meta.durationMs / 1000).toFixed(1)} s</span>}
        {round.truncated && <span className="rounded bg-amber-100 px-1.5 font-medium text-amber-800">Truncated</span>}
      </div>
      {/* A reversed column keeps a streaming text scrolled to its end without reading its layout
          (scrollTop = scrollHeight forced a layout of the whole page on every streamed piece). */}
      <div
        aria-label={`SVG code of round ${round.index}`}
        role="region"
        // A scrollable region must be focusable to scroll with the keyboard.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        className={`max-h-40 overflow-auto rounded bg-slate-900 p-2 ${streaming ? "flex flex-col-reverse" : ""}`}
      >
        <pre className="whitespace-pre-wrap break-all font-mono text-[11px] leading-snug text-slate-100">
          {shown || (streaming ? "Waiting for the model…" : "")}
        </pre>
      </div>
    </div>
  );
}

/** Starts a new stored session from this round (rounds 1..N copied, paused, ready to resume). */
function ForkButton({ round }: { round: Round }) {
  const sessionId = useStudioStore((s) => s.sessionId);
  const { fork } = useSessionMutations();
  const router = useRouter();
  if (!sessionId) return null;
  return (
    <span className="ml-auto flex items-center gap-1">
      {fork.error && (
        <span role="alert" className="text-red-700">
          Fork failed: {fork.error.message}
        </span>
      )}
      <button
        type="button"
        disabled={fork.isPending}
        onClick={async (e) => {
          e.stopPropagation();
          const id = await fork.mutateAsync({ id: sessionId, roundIndex: round.index }).catch(() => null);
          if (id) router.push(`/s/${id}`);
        }}
        title={`New session with rounds 1–${round.index}, ready to resume`}
        aria-label={`Fork from round ${round.index}`}
        className="rounded border border-slate-300 px-1.5 py-0.5 text-slate-700 hover:bg-slate-100 disabled:opacity-50"
      >
        Fork
      </button>
    </span>
  );
}

const STEP_NOUN = { generate: "drawing", render: "render", critique: "critique" } as const;
const STOPPED_TEXT = {
  generate: "the SVG was still being written. Retry writes it again.",
  render: "it was not rendered for the critic yet. Retry renders it.",
  critique: "the critic had not finished, so this round has no score. Retry asks the critic again.",
} as const;

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
