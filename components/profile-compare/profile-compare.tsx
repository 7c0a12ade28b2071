"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useStore } from "zustand";
import type { SessionDetail } from "@/lib/contract/session-contract";
import { selectBestRound } from "@/lib/loop/loop-selectors";
import { reopenedState } from "@/lib/loop/loop-reducer";
import { INITIAL_LOOP_STATE, type LoopState, type Round } from "@/lib/loop/loop-types";
import { settingsWithProfile, useProfiles } from "../studio/profile-select";
import { formatScore, roundTitle } from "../studio/round-labels";
import { StoreLoopAnnouncer } from "../studio/loop-announcer";
import { SvgPreview } from "../studio/svg-preview";
import { useBrowserStudioStore } from "../studio/use-browser-studio-store";
import { useSessionDetail } from "../history/use-sessions";

interface Side {
  sessionId: string | null;
  profile: string;
  /** The profile's label, for headings. */
  label: string;
  loop: Pick<LoopState, "prompt" | "rounds" | "status">;
}

/** Two sessions of one prompt, each with its rounds and best result, and any two rounds across them compared. */
export function ProfileCompare({ left, right, profile }: { left: string | null; right: string | null; profile: string | null }) {
  const leftQuery = useSessionDetail(left);
  const rightQuery = useSessionDetail(right);
  const { profiles, defaultProfile } = useProfiles();
  const labelOf = (id: string) => profiles.find((p) => p.id === id)?.label ?? id;

  if (!left)
    return (
      <Shell>
        <p className="text-sm text-slate-600">Nothing to compare: open this page from a session&apos;s “Compare with another profile”.</p>
      </Shell>
    );
  if (leftQuery.error)
    return (
      <Shell>
        <p role="alert" className="text-sm text-red-700">
          Could not open the session: {leftQuery.error.message}
        </p>
      </Shell>
    );
  if (!leftQuery.data || (right && !rightQuery.data && !rightQuery.error))
    return (
      <Shell>
        <p className="text-sm text-slate-600">Loading…</p>
      </Shell>
    );
  const leftSide: Side = {
    sessionId: leftQuery.data.id,
    profile: leftQuery.data.profile,
    label: labelOf(leftQuery.data.profile),
    loop: storedLoop(leftQuery.data),
  };
  if (right) {
    if (rightQuery.error || !rightQuery.data)
      return (
        <Shell>
          <p role="alert" className="text-sm text-red-700">
            Could not open the session: {rightQuery.error?.message}
          </p>
        </Shell>
      );
    return (
      <Shell prompt={leftQuery.data.prompt}>
        <Comparison
          left={leftSide}
          right={{
            sessionId: rightQuery.data.id,
            profile: rightQuery.data.profile,
            label: labelOf(rightQuery.data.profile),
            loop: storedLoop(rightQuery.data),
          }}
        />
      </Shell>
    );
  }
  if (!profile)
    return (
      <Shell>
        <p className="text-sm text-slate-600">Choose a second profile in the studio to compare with.</p>
      </Shell>
    );
  if (profiles.length === 0)
    return (
      <Shell>
        <p className="text-sm text-slate-600">Loading the profiles…</p>
      </Shell>
    );
  if (!profiles.some((p) => p.id === profile))
    return (
      <Shell>
        <p role="alert" className="text-sm text-red-700">
          No profile “{profile}”.
        </p>
      </Shell>
    );
  return (
    <Shell prompt={leftQuery.data.prompt}>
      <LinkedRun
        session={leftQuery.data}
        profile={profile}
        label={labelOf(profile)}
        settings={settingsWithProfile({ ...leftQuery.data.settings, profile }, profiles, defaultProfile)}
      >
        {(rightSide) => <Comparison left={leftSide} right={rightSide} />}
      </LinkedRun>
    </Shell>
  );
}

/**
 * A stored session's loop as it reopens: one cut off mid-run (this page reloaded while its
 * linked run streamed, say) is paused, not "Running…" with nothing running it.
 */
function storedLoop(session: SessionDetail): Side["loop"] {
  return reopenedState({ ...INITIAL_LOOP_STATE, prompt: session.prompt, rounds: session.rounds, status: session.status });
}

function Shell({ prompt, children }: { prompt?: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center gap-4 border-b border-slate-200 bg-white px-4 py-2">
        <Link href="/" className="text-sm text-indigo-700 underline">
          ← Studio
        </Link>
        <h1 className="text-base font-semibold tracking-tight">Compare profiles</h1>
        {prompt && <p className="min-w-0 truncate text-sm text-slate-600">“{prompt}”</p>}
      </header>
      <main className="flex flex-col gap-4 p-4">{children}</main>
    </div>
  );
}

/** Runs the left session's prompt with `profile` as a linked session, in this page, and shows it as it streams. */
function LinkedRun({
  session,
  profile,
  label,
  settings,
  children,
}: {
  session: SessionDetail;
  profile: string;
  label: string;
  settings: SessionDetail["settings"];
  children: (side: Side) => React.ReactNode;
}) {
  const store = useBrowserStudioStore({
    linkedFromId: session.id,
    // The URL names both sessions without a navigation, which would end this run.
    onSessionCreated: (id) => window.history.replaceState(null, "", `/compare?left=${encodeURIComponent(session.id)}&right=${encodeURIComponent(id)}`),
  });
  // What to run is fixed when the run starts; later renders must not restart (or pause) it.
  const [run] = useState(() => ({ prompt: session.prompt, settings }));
  const started = useRef(false);
  // After useBrowserStudioStore's own effect, which ends the run when the page goes (and, in
  // React's development double run, pauses it: it is resumed here).
  useEffect(() => {
    const state = store.getState();
    if (!started.current) {
      started.current = true;
      state.startLoop(run.prompt, run.settings);
    } else if (state.loop.status === "paused") {
      state.resumeLoop();
    }
  }, [store, run]);
  const loop = useStore(store, (s) => s.loop);
  const sessionId = useStore(store, (s) => s.sessionId);
  return (
    <>
      {children({ sessionId, profile, label, loop })}
      <StoreLoopAnnouncer store={store} prefix={`${label}: `} />
    </>
  );
}

function Comparison({ left, right }: { left: Side; right: Side }) {
  const [picked, setPicked] = useState<{ left: string | null; right: string | null }>({ left: null, right: null });
  const leftRound = pick(left, picked.left);
  const rightRound = pick(right, picked.right);
  return (
    <>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <SideView side={left} name="Left" picked={leftRound?.id ?? null} onPick={(id) => setPicked((p) => ({ ...p, left: id }))} />
        <SideView side={right} name="Right" picked={rightRound?.id ?? null} onPick={(id) => setPicked((p) => ({ ...p, right: id }))} />
      </div>
      {leftRound && rightRound && (
        <section aria-label="Compared rounds" className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 className="mb-2 text-sm font-semibold text-slate-800">
            {left.label} round {leftRound.index} vs {right.label} round {rightRound.index}
          </h2>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <RoundDetail side={left} round={leftRound} />
            <RoundDetail side={right} round={rightRound} />
          </div>
        </section>
      )}
    </>
  );
}

/** The picked round, else the best, else the last with an SVG. */
function pick(side: Side, id: string | null): Round | null {
  const withSvg = side.loop.rounds.filter((r) => r.svg);
  return withSvg.find((r) => r.id === id) ?? selectBestRound(side.loop) ?? withSvg.at(-1) ?? null;
}

const STATUS_TEXT: Record<LoopState["status"], string> = {
  idle: "Starting…",
  running: "Running…",
  paused: "Paused (open in the studio to resume)",
  stopped: "Stopped",
  done: "Done",
  failed: "A step failed",
};

function SideView({ side, name, picked, onPick }: { side: Side; name: string; picked: string | null; onPick: (id: string) => void }) {
  const best = selectBestRound(side.loop);
  const label = side.label;
  return (
    <section aria-label={`${name}: ${label}`} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3">
      <header className="flex items-center gap-2">
        <h2 className="text-base font-semibold text-slate-900">{label}</h2>
        <span role="status" aria-label={`${name} status`} className="text-xs text-slate-600">
          {STATUS_TEXT[side.loop.status]} · {side.loop.rounds.length} round{side.loop.rounds.length === 1 ? "" : "s"}
        </span>
        {side.sessionId && (
          <Link href={`/s/${side.sessionId}`} prefetch={false} className="ml-auto text-xs text-indigo-700 underline">
            Open in the studio
          </Link>
        )}
      </header>
      <div className="flex items-center gap-3" aria-label={`${name} best result`}>
        {best?.svg ? (
          <>
            <SvgPreview source={best.svg} streaming={false} label={`${label} best, round ${best.index}`} size={140} background="white" />
            <div className="text-sm">
              <p className="font-medium text-slate-800">Best: round {best.index}</p>
              <p className="font-mono text-slate-900">{best.critique ? formatScore(best.critique.score) : "–"}</p>
            </div>
          </>
        ) : (
          <p className="text-sm text-slate-600">{side.loop.status === "running" ? "No scored round yet…" : "No scored round."}</p>
        )}
      </div>
      <ol className="flex flex-col gap-1.5" aria-label={`${name} rounds`}>
        {side.loop.rounds.map((round) => {
          const selected = round.id === picked;
          return (
            <li key={round.id}>
              <button
                type="button"
                disabled={!round.svg}
                aria-pressed={selected}
                onClick={() => onPick(round.id)}
                aria-label={`${roundTitle(round)}${round.critique ? `, score ${round.critique.score.toFixed(1)}` : ""}`}
                className={`flex w-full items-center gap-2 rounded border px-2 py-1 text-left text-xs ${selected ? "border-indigo-400 bg-indigo-50" : "border-slate-200 hover:bg-slate-50"} disabled:opacity-50`}
              >
                <SvgPreview
                  source={round.svg ?? round.modelText}
                  streaming={!round.svg && round.phase === "generating"}
                  label={`${label} round ${round.index}`}
                  size={44}
                  background="white"
                />
                <span className="flex min-w-0 flex-1 flex-col">
                  <span className="font-medium text-slate-800">{roundTitle(round)}</span>
                  <span className="truncate text-slate-600">
                    {round.generation?.model ? `written by ${round.generation.model}` : round.phase}
                    {round.critiqueMeta?.model ? ` · judged by ${round.critiqueMeta.model}` : ""}
                  </span>
                </span>
                <span className="font-mono text-slate-900">{round.critique ? formatScore(round.critique.score) : "–"}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function RoundDetail({ side, round }: { side: Side; round: Round }) {
  return (
    <figure className="flex flex-col gap-2" aria-label={`${side.label} round ${round.index}`}>
      <SvgPreview source={round.svg ?? ""} streaming={false} label={`${side.label} round ${round.index}, compared`} size={240} background="white" />
      <figcaption className="text-sm">
        <p className="font-medium text-slate-800">
          {roundTitle(round)} · <span className="font-mono">{round.critique ? formatScore(round.critique.score) : "not scored"}</span>
        </p>
        {round.notes && <p className="whitespace-pre-wrap text-xs text-indigo-900">Your notes: {round.notes}</p>}
        {round.critique && (
          <>
            <p className="mt-1 whitespace-pre-wrap text-slate-700">{round.critique.critique}</p>
            <p className="mt-1 whitespace-pre-wrap text-slate-600">
              <span className="font-medium">Suggestions: </span>
              {round.critique.suggestions}
            </p>
          </>
        )}
        <p className="mt-1 text-xs text-slate-600">
          {round.generation?.usage.outputTokens !== undefined ? `${round.generation.usage.outputTokens} tokens · ` : ""}
          {round.svg ? `${round.svg.length.toLocaleString()} chars of SVG` : ""}
        </p>
      </figcaption>
    </figure>
  );
}
