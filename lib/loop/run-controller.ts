/**
 * Run control without a UI: the studio's store and a Node job (batch, CLI) drive a loop through
 * the same verbs, each keeping the loop state its own way. Only the newest run may change that
 * state: starting, stopping, loading or leaving detaches the run in flight, aborts its step all
 * the way to the model, and drops whatever it reports late (svgomg's latest-job rule). Every
 * step that changed a round is stored before the next step starts.
 */
import { reopenedState, type LoopEvent } from "./loop-reducer";
import type { ModelPort, MeasurePort, RasterizePort } from "./loop-ports";
import type { LoopSettings, LoopState } from "./loop-types";
import { runLoop } from "./run-loop";
import { createSessionSaver, type SaveState, type SessionSaverOptions } from "./session-saver";
import { candidateVerdict } from "./candidates";
import { roundIdOf } from "./round-id";

export interface RunControllerOptions extends SessionSaverOptions {
  model: ModelPort;
  rasterize: RasterizePort;
  /** Measures rounds of an image session against its target picture. */
  measure?: MeasurePort;
  /** The loop state as the caller keeps it; read afresh before every step. */
  getState: () => LoopState;
  /** Applies an event to that state (through loopReducer) before returning: the runner reads it back at once. */
  apply: (event: LoopEvent) => void;
}

/** A hand edit that becomes a round of its own when the loop resumes from it. */
export interface CommittedEdit {
  svg: string;
  sourceRoundId: string | null;
}

/** A stored session to continue (the sessions API's SessionDetail fits). */
export type StoredLoop = Pick<LoopState, "prompt" | "settings" | "rounds" | "status" | "extraRefinements" | "candidates"> & { id: string };

/** The designer's own SVG to start a session from: the file's text, and its drawing checked and sanitized (lib/svg/import-svg.ts). */
export interface ImportedSvg {
  text: string;
  svg: string;
}

export interface RunController {
  /**
   * Starts a loop in a new session. Resolves when this run ends on its own (after the saves it
   * asked for have settled), or at once when it is stopped or replaced.
   */
  start(prompt: string, settings: LoopSettings): Promise<void>;
  /** Aborts the step in flight, marks it stopped (Retry redoes it); resolves once that is saved. */
  stop(): Promise<void>;
  /** The run halts between steps; resolves when it has. */
  pause(): Promise<void>;
  /**
   * Continues the loop: past a pause, past its end with `extraRefinements` more rounds, or from
   * `edit`, which first becomes a hand-edit round. Resolves like `start`.
   */
  resume(extraRefinements?: number, edit?: CommittedEdit): Promise<void>;
  /** Redoes the failed (or stopped) last step and continues. Resolves like `start`. */
  retry(): Promise<void>;
  /**
   * Refines round `roundId` from the designer's `notes`: a new "notes" round, rendered and
   * critiqued like any; then the loop continues or stops as its settings say. Resolves like `start`.
   */
  refineWithNotes(roundId: string, notes: string): Promise<void>;
  /** "Keep this round" (null: let the best score decide again); the lock is stored with the session. */
  keep(roundIndex: number | null): Promise<void>;
  /**
   * "Continue from this" on candidate `n`. Before the draft step has chosen, it is the pick (it
   * wins if the candidate is valid; with the loop not running the choice is made now and the loop
   * goes on). After, it forks: a new session with the same candidates, `n` chosen as round 1, run
   * from there. Resolves like `start`.
   */
  continueFromCandidate(n: number): Promise<void>;
  /** Starts a loop in a new session whose round 1 is the designer's own SVG ("Imported"). Resolves like `start`. */
  startFromImport(prompt: string, settings: LoopSettings, imported: ImportedSvg): Promise<void>;
  /** Opens a stored session, reopened so it can be continued; later saves go to it. */
  load(session: StoredLoop): void;
  /**
   * The caller is going away: end the run and leave a running loop paused, so the session
   * reopens resumable. The controller stays usable (React runs an effect's cleanup and then the
   * effect again). Resolves once the pause is saved.
   */
  dispose(): Promise<void>;
  isRunning(): boolean;
  /** The latest run's promise, as `start` returned it. */
  current(): Promise<void>;
  /** Settles once every save asked for so far has settled. */
  saved(): Promise<void>;
  saveState(): SaveState;
}

interface Run {
  readonly abort: AbortController;
  /** Settles the run's promise when it is detached, without waiting for its step to notice. */
  readonly release: () => void;
}

export function createRunController(options: RunControllerOptions): RunController {
  const { getState, apply } = options;
  const saver = createSessionSaver(options);
  let live: Run | null = null;
  let latest: Promise<void> = Promise.resolve();

  const saveRound = (roundId: string) => {
    const { rounds, candidates } = getState();
    const round = rounds.find((r) => r.id === roundId);
    if (round) return saver.saveRound(round);
    const candidate = candidates?.find((c) => c.id === roundId);
    return candidate ? saver.saveCandidate(candidate) : Promise.resolve();
  };
  /** After a Stop or a choice: every candidate as it is now (stopped ones included), and round 1. */
  const saveCandidatesAndFirstRound = () => {
    for (const candidate of getState().candidates ?? []) void saver.saveCandidate(candidate);
    void saveRound(roundIdOf(1));
  };
  const saveStatus = () => {
    const { status, extraRefinements } = getState();
    return saver.saveStatus({ status, extraRefinements });
  };

  /** Ends the run in flight without letting it write anything more. */
  const detach = () => {
    if (!live) return;
    live.abort.abort();
    live.release();
    live = null;
  };

  const launch = (): Promise<void> => {
    detach();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const own: Run = { abort: new AbortController(), release };
    live = own;
    // Stored as running first, so a reload mid-step reopens the session paused, resumable.
    void saveStatus();
    const ended = (async () => {
      try {
        await runLoop({
          getState,
          dispatch: (event) => {
            if (live === own) apply(event);
          },
          model: options.model,
          rasterize: options.rasterize,
          measure: options.measure,
          signal: own.abort.signal,
          // A step's save starts the moment the step ends and saves land in the order asked, but
          // the next step does not wait for it: a save that is in flight when the page goes away
          // is cut off either way, and waiting would add a round trip (and the database's
          // write) to every step. The run ends only after its saves (saveStatus queues last).
          checkpoint: (roundId) => {
            if (live === own) void saveRound(roundId);
            return Promise.resolve();
          },
        });
      } finally {
        // A run that ended on its own stores how it ended; whoever detached it stores that instead.
        if (live === own) {
          live = null;
          await saveStatus();
        }
      }
    })();
    latest = Promise.race([ended, released]);
    return latest;
  };

  return {
    start: (prompt, settings) => {
      detach();
      apply({ type: "started", prompt, settings });
      saver.create({ prompt, settings });
      return launch();
    },
    stop: () => {
      detach();
      const before = getState().rounds.at(-1);
      const candidatesBefore = getState().candidates;
      apply({ type: "stopped" });
      const after = getState().rounds.at(-1);
      // The step cut short is now a stopped round: store it so the session reopens with Retry.
      if (after && after !== before) void saveRound(after.id);
      for (const c of getState().candidates ?? []) if (!candidatesBefore?.includes(c)) void saver.saveCandidate(c);
      return saveStatus();
    },
    pause: () => {
      apply({ type: "pauseRequested" });
      return latest;
    },
    resume: (extraRefinements, edit) => {
      detach();
      if (edit) apply({ type: "editCommitted", svg: edit.svg, sourceRoundId: edit.sourceRoundId });
      apply({ type: "resumed", extraRefinements });
      return launch();
    },
    retry: () => {
      detach();
      apply({ type: "retried" });
      return launch();
    },
    refineWithNotes: (roundId, notes) => {
      detach();
      const before = getState().rounds.length;
      apply({ type: "notesCommitted", notes, sourceRoundId: roundId });
      if (getState().rounds.length === before) return Promise.resolve();
      apply({ type: "resumed" });
      return launch();
    },
    keep: (roundIndex) => {
      apply({ type: "roundKept", index: roundIndex });
      const { status, extraRefinements, settings } = getState();
      return saver.saveStatus({ status, extraRefinements, keptRound: settings.keptRound ?? null });
    },
    continueFromCandidate: (n) => {
      const state = getState();
      const candidate = state.candidates?.find((c) => c.candidate === n);
      if (!candidate) return latest;
      if (state.rounds.length === 0) {
        apply({ type: "candidatePicked", candidate: n });
        // A running draft step honours the pick when it settles; otherwise the choice is made now.
        if (live || candidateVerdict(candidate) !== "valid") return latest;
        apply({ type: "candidatesSettled" });
        saveCandidatesAndFirstRound();
        apply({ type: "resumed" });
        return launch();
      }
      if (candidateVerdict(candidate) !== "valid") return latest;
      const { prompt, settings, candidates = [] } = state;
      // The session left behind keeps its lineage, paused where it was (resumable), not "running".
      if (live) {
        detach();
        apply({ type: "paused" });
        void saveStatus();
      }
      apply({ type: "started", prompt, settings });
      apply({ type: "candidatesLoaded", candidates });
      apply({ type: "candidatePicked", candidate: n });
      apply({ type: "candidatesSettled" });
      saver.create({ prompt, settings });
      saveCandidatesAndFirstRound();
      return launch();
    },
    startFromImport: (prompt, settings, imported) => {
      detach();
      apply({ type: "started", prompt, settings });
      apply({ type: "imported", text: imported.text, svg: imported.svg });
      saver.create({ prompt, settings });
      return launch();
    },
    load: (session) => {
      detach();
      apply({
        type: "loaded",
        state: reopenedState({
          prompt: session.prompt,
          settings: session.settings,
          rounds: session.rounds,
          status: session.status,
          pauseRequested: false,
          extraRefinements: session.extraRefinements,
          ...(session.candidates?.length ? { candidates: session.candidates, pickedCandidate: null } : {}),
        }),
      });
      saver.adopt(session.id);
    },
    dispose: () => {
      const running = getState().status === "running";
      detach();
      if (!running) return Promise.resolve();
      apply({ type: "paused" });
      return saveStatus();
    },
    isRunning: () => live !== null,
    current: () => latest,
    saved: () => saver.flushed(),
    saveState: () => saver.state(),
  };
}
