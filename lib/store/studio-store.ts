/**
 * The studio page's UI state: the loop session, which round is selected, the editor's draft,
 * the compare selection, and where the session is stored. A factory, not a module-global store,
 * so each page (and each test) gets its own. Running the loop (newest run wins, abort, ordered
 * saves, resume) is the run controller's; the store keeps the loop state it writes and turns
 * the user's actions into its verbs.
 */
import { createStore } from "zustand/vanilla";
import type { SessionPort } from "../loop/loop-ports";
import type { SessionDetail } from "../contract/session-contract";
import { isUnfinished, loopReducer, type LoopEvent } from "../loop/loop-reducer";
import { NOTES_MAX_CHARS } from "../introsvg/designer-notes";
import type { ModelPort, MeasurePort, RasterizePort } from "../loop/loop-ports";
import { INITIAL_LOOP_STATE, type LoopSettings, type LoopState } from "../loop/loop-types";
import { nextStep } from "../loop/next-step";
import { createRunController, type ImportedSvg } from "../loop/run-controller";
import { continueAvailability } from "../loop/candidates";
import type { SaveState } from "../loop/session-saver";
import { validateSvg } from "../svg/validate-svg";

export type { SaveState };

export interface StudioPorts {
  model: ModelPort;
  rasterize: RasterizePort;
  measure?: MeasurePort;
  /** Where sessions are kept; without it nothing is stored (tests of the loop alone). */
  sessions?: SessionPort;
  /** Told when the session gets its id (to put it in the URL) and after each save. */
  onSessionCreated?: (id: string) => void;
  onSaved?: (id: string) => void;
}

/** Keystrokes in the editor: a draft until Resume commits it as a round of its own. */
export interface EditDraft {
  sourceRoundId: string;
  text: string;
}

export interface DroppedSvg {
  name: string;
  text: string;
}

export interface CompareSelection {
  leftId: string;
  rightId: string;
}

export interface StudioState {
  loop: LoopState;
  /** The user's pick; null follows the loop (see selectShownRound). */
  selectedRoundId: string | null;
  editDraft: EditDraft | null;
  compare: CompareSelection | null;
  /** The stored session this page shows, once it has one. */
  sessionId: string | null;
  save: SaveState;
  /** Bumped whenever a stored session is opened, so forms can start from it. */
  loadCount: number;
  /**
   * The kind of the loop event that made `loop` what it is (null before any): subscribers that
   * follow transitions tell a session opened ("loaded") from one that progressed.
   */
  lastLoopEvent: LoopEvent["type"] | null;
  loadSession: (session: SessionDetail) => void;
  startLoop: (prompt: string, settings: LoopSettings) => void;
  stopLoop: () => void;
  pauseLoop: () => void;
  /**
   * Continues the loop: from a pending valid edit (which first becomes a hand-edit round), from
   * a pause, or past its end with `extraRefinements` more rounds.
   */
  resumeLoop: (extraRefinements?: number) => void;
  retryStep: () => void;
  /**
   * "Continue from this" on candidate `n` (if continueAvailability allows): the pick while the
   * draft step runs, else the loop goes on from it (a new session, once the loop already went on).
   */
  continueFromCandidate: (n: number) => void;
  /** An SVG file dropped onto the page, for the prompt panel to import (it knows the prompt). */
  droppedSvg: DroppedSvg | null;
  dropSvg: (dropped: DroppedSvg | null) => void;
  /** Starts a new session whose round 1 is the designer's own SVG (lib/svg/import-svg.ts read it). */
  startFromImport: (prompt: string, settings: LoopSettings, imported: ImportedSvg) => void;
  /** Refines a round from the designer's notes (a "notes" round), if notesAvailability allows. */
  refineWithNotes: (roundId: string, notes: string) => void;
  /** "Keep this round": lock the result on a round (null: the best score decides again). */
  keepRound: (roundIndex: number | null) => void;
  /** The profile the prompt panel shows (for the status line); null: the studio's default. */
  selectedProfile: string | null;
  selectProfile: (profile: string | null) => void;
  selectRound: (roundId: string | null) => void;
  editSvg: (sourceRoundId: string, text: string) => void;
  discardEdit: () => void;
  openCompare: (leftId: string, rightId: string) => void;
  closeCompare: () => void;
  /** The page is going away: stop the run and leave the session paused, resumable. */
  dispose: () => void;
}

export type StudioStore = ReturnType<typeof createStudioStore>;

export function createStudioStore(ports: StudioPorts, initial: LoopState = INITIAL_LOOP_STATE) {
  return createStore<StudioState>()((set, get) => {
    const runs = createRunController({
      model: ports.model,
      rasterize: ports.rasterize,
      measure: ports.measure,
      sessions: ports.sessions,
      getState: () => get().loop,
      apply: (event) => set((s) => ({ loop: loopReducer(s.loop, event), lastLoopEvent: event.type })),
      onSessionCreated: (id) => {
        set({ sessionId: id });
        ports.onSessionCreated?.(id);
      },
      onSaved: ports.onSaved,
      onSaveState: (save) => set({ save }),
    });

    return {
      loop: initial,
      selectedRoundId: null,
      editDraft: null,
      compare: null,
      sessionId: null,
      save: { status: "idle" },
      loadCount: 0,
      lastLoopEvent: null,
      selectedProfile: initial.settings.profile ?? null,
      loadSession: (session) => {
        runs.load(session);
        set((s) => ({
          sessionId: session.id,
          selectedRoundId: null,
          editDraft: null,
          compare: null,
          loadCount: s.loadCount + 1,
          selectedProfile: session.settings.profile ?? null,
        }));
      },
      startLoop: (prompt, settings) => {
        set({ selectedRoundId: null, editDraft: null, compare: null, sessionId: null, selectedProfile: settings.profile ?? null });
        void runs.start(prompt, settings);
      },
      stopLoop: () => void runs.stop(),
      pauseLoop: () => void runs.pause(),
      resumeLoop: (extraRefinements) => {
        const state = get();
        if (!resumeAvailability(state, extraRefinements ?? 0).enabled) return;
        const draft = state.editDraft;
        const edit = draft && pendingEdit(state.loop, draft) ? { svg: draft.text, sourceRoundId: draft.sourceRoundId } : undefined;
        // The draft becomes a round of its own; the page follows the loop to it.
        if (edit) set({ editDraft: null, selectedRoundId: null });
        void runs.resume(extraRefinements, edit);
      },
      retryStep: () => void runs.retry(),
      continueFromCandidate: (n) => {
        const { loop } = get();
        if (!continueAvailability(loop, n).enabled) return;
        // Past the draft step it forks: the page follows the new session from its round 1.
        if (loop.rounds.length > 0) set({ selectedRoundId: null, editDraft: null, compare: null, sessionId: null });
        void runs.continueFromCandidate(n);
      },
      droppedSvg: null,
      dropSvg: (droppedSvg) => set({ droppedSvg }),
      startFromImport: (prompt, settings, imported) => {
        set({ selectedRoundId: null, editDraft: null, compare: null, sessionId: null, selectedProfile: settings.profile ?? null });
        void runs.startFromImport(prompt, settings, imported);
      },
      refineWithNotes: (roundId, notes) => {
        if (!notesAvailability(get().loop, roundId, notes).enabled) return;
        // The page follows the loop to the new round.
        set({ selectedRoundId: null });
        void runs.refineWithNotes(roundId, notes.trim());
      },
      keepRound: (roundIndex) => void runs.keep(roundIndex),
      selectProfile: (profile) => set({ selectedProfile: profile }),
      selectRound: (roundId) => set({ selectedRoundId: roundId }),
      editSvg: (sourceRoundId, text) => set({ editDraft: { sourceRoundId, text } }),
      discardEdit: () => set({ editDraft: null }),
      openCompare: (leftId, rightId) => set({ compare: { leftId, rightId } }),
      closeCompare: () => set({ compare: null }),
      dispose: () => void runs.dispose(),
    };
  });
}

/** An edit that differs from the SVG of the round it started from. */
export function pendingEdit(loop: LoopState, editDraft: EditDraft | null): boolean {
  if (!editDraft) return false;
  const source = loop.rounds.find((r) => r.id === editDraft.sourceRoundId);
  return source !== undefined && editDraft.text !== (source.svg ?? source.modelText);
}

const rounds = (n: number) => `${n} more round${n === 1 ? "" : "s"}`;

/**
 * What Resume would do now (with `moreRounds` more refinement rounds): whether it can, and the
 * reason the page shows beside it. More rounds asked for are run, also after a round that
 * reached the threshold (lib/loop/next-step.ts, withMoreRounds).
 */
export function resumeAvailability(state: Pick<StudioState, "loop" | "editDraft">, moreRounds = 0): { enabled: boolean; reason: string } {
  const { loop, editDraft } = state;
  const more = moreRounds > 0 ? ` and runs ${rounds(moreRounds)}` : "";
  if (loop.status === "running") return { enabled: false, reason: "The loop is running: Pause or Stop it to resume later." };
  if (pendingEdit(loop, editDraft)) {
    const validation = validateSvg(editDraft!.text);
    if (!validation.ok) {
      return { enabled: false, reason: `Fix the SVG first: line ${validation.line}, column ${validation.column}: ${validation.message}` };
    }
    return { enabled: true, reason: `Resume sends your edit to the critic as a hand-edit round${more}; refinement continues from it.` };
  }
  if (loop.status === "paused") {
    if (loop.rounds.length === 0) return { enabled: true, reason: `Resume starts this session: it was interrupted before its first round finished.` };
    return { enabled: true, reason: `Resume continues the loop${more}.` };
  }
  if (loop.status === "done" && loop.settings.singlePass) {
    return { enabled: false, reason: "This profile has no critic, so its runs are a single pass: refine with your notes, or edit the SVG." };
  }
  if (loop.status === "done") {
    if (moreRounds <= 0)
      return { enabled: false, reason: "The loop is done. Set More rounds to run more refinement rounds, or edit the SVG to resume from it." };
    const last = loop.rounds[loop.rounds.length - 1];
    if (nextStep(loopReducer(loop, { type: "resumed", extraRefinements: moreRounds })).type === "generate") {
      return { enabled: true, reason: `Resume runs ${rounds(moreRounds)} after round ${last?.index ?? 0}, whatever their score.` };
    }
    return { enabled: false, reason: "There is no round to refine from: edit the SVG to resume from it." };
  }
  if (loop.status === "failed" || loop.status === "stopped")
    return { enabled: false, reason: "Use Retry on the last round, or edit the SVG to resume from it." };
  return { enabled: false, reason: "Nothing to resume yet: press Generate to start." };
}

/** Whether "Refine with my notes" can run on round `roundId` now, and why not (the button's title). */
export function notesAvailability(loop: LoopState, roundId: string, notes: string): { enabled: boolean; reason: string } {
  const round = loop.rounds.find((r) => r.id === roundId);
  const last = loop.rounds[loop.rounds.length - 1];
  if (loop.status === "running") return { enabled: false, reason: "The loop is running: stop or pause it first, or wait until it is done." };
  if (!round?.svg) return { enabled: false, reason: "This round has no SVG to refine." };
  if (last && isUnfinished(last)) return { enabled: false, reason: `Round ${last.index} is still in progress: resume or stop it first.` };
  if (!notes.trim()) return { enabled: false, reason: "Write your notes first: what should change?" };
  if (notes.trim().length > NOTES_MAX_CHARS) return { enabled: false, reason: `Your notes are longer than ${NOTES_MAX_CHARS} characters.` };
  return { enabled: true, reason: `Refine round ${round.index} from your notes: a new round, rendered and critiqued like any.` };
}
