/**
 * The studio page's UI state: the loop session, which round is selected, and the one run in
 * flight. A factory, not a module-global store, so each page (and each test) gets its own.
 * Only the newest run may change the session: a late event from a stopped or replaced run is
 * dropped (svgomg's latest-job rule).
 */
import { createStore } from "zustand/vanilla";
import { loopReducer, type LoopEvent } from "../loop/loop-reducer";
import type { ModelPort, RasterizePort } from "../loop/loop-ports";
import { INITIAL_LOOP_STATE, type LoopSettings, type LoopState } from "../loop/loop-types";
import { runLoop } from "../loop/run-loop";
import { selectShownRound } from "../loop/loop-selectors";
import type { SessionPort } from "../db/session-client";
import type { SessionDetail } from "../db/session-contract";
import { validateSvg } from "../svg/validate-svg";

export interface StudioPorts {
  model: ModelPort;
  rasterize: RasterizePort;
  /** Where sessions are kept; without it nothing is stored (tests of the loop alone). */
  sessions?: SessionPort;
  /** Told when the session gets its id (to put it in the URL) and after each save. */
  onSessionCreated?: (id: string) => void;
  onSaved?: (id: string) => void;
}

export type SaveState = { status: "idle" | "saving" | "saved" } | { status: "error"; message: string };

/** Keystrokes in the editor: a draft until Resume commits it as a round of its own. */
export interface EditDraft {
  sourceRoundId: string;
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
  loadSession: (session: SessionDetail) => void;
  startLoop: (prompt: string, settings: LoopSettings) => void;
  stopLoop: () => void;
  pauseLoop: () => void;
  /** Continues a paused or ended loop; a pending valid edit first becomes a hand-edit round. */
  resumeLoop: (extraRefinements?: number) => void;
  retryStep: () => void;
  selectRound: (roundId: string | null) => void;
  editSvg: (sourceRoundId: string, text: string) => void;
  discardEdit: () => void;
  openCompare: (leftId: string, rightId: string) => void;
  closeCompare: () => void;
  dispatch: (event: LoopEvent) => void;
}

export type StudioStore = ReturnType<typeof createStudioStore>;

export function createStudioStore(ports: StudioPorts, initial: LoopState = INITIAL_LOOP_STATE) {
  let controller: AbortController | null = null;
  let runId = 0;

  return createStore<StudioState>()((set, get) => {
    const apply = (event: LoopEvent) => set((s) => ({ loop: loopReducer(s.loop, event) }));
    // The id of the session being created, awaited by the first save.
    let sessionReady: Promise<string | null> = Promise.resolve(null);

    const saving = async (work: (id: string) => Promise<void>) => {
      const id = await sessionReady;
      if (!id || !ports.sessions) return;
      set({ save: { status: "saving" } });
      try {
        await work(id);
        set({ save: { status: "saved" } });
        ports.onSaved?.(id);
      } catch (e) {
        // Not saving is reported, never fatal: the loop and its rounds stay on the page.
        set({ save: { status: "error", message: (e as Error).message } });
      }
    };
    const checkpoint = (roundId: string) =>
      saving(async (id) => {
        const round = get().loop.rounds.find((r) => r.id === roundId);
        if (round) await ports.sessions!.saveRound(id, round);
      });
    const saveStatus = () =>
      saving((id) => ports.sessions!.update(id, { status: get().loop.status, extraRefinements: get().loop.extraRefinements }));

    const run = () => {
      controller?.abort();
      const own = new AbortController();
      const id = ++runId;
      controller = own;
      void runLoop({
        getState: () => get().loop,
        dispatch: (event) => {
          if (id === runId) apply(event);
        },
        model: ports.model,
        rasterize: ports.rasterize,
        signal: own.signal,
        checkpoint: (roundId) => (id === runId ? checkpoint(roundId) : Promise.resolve()),
      }).finally(() => {
        if (controller === own) controller = null;
        if (id === runId) void saveStatus();
      });
    };

    return {
      loop: initial,
      selectedRoundId: null,
      editDraft: null,
      compare: null,
      sessionId: null,
      save: { status: "idle" },
      loadCount: 0,
      dispatch: apply,
      loadSession: (session) => {
        controller?.abort();
        runId++;
        apply({
          type: "loaded",
          state: {
            prompt: session.prompt,
            settings: session.settings,
            rounds: session.rounds,
            // A loop that was running when its page closed comes back paused: Resume continues it.
            status: session.status === "running" ? "paused" : session.status,
            pauseRequested: false,
            extraRefinements: session.extraRefinements,
          },
        });
        sessionReady = Promise.resolve(session.id);
        set((s) => ({
          sessionId: session.id,
          selectedRoundId: null,
          editDraft: null,
          compare: null,
          save: { status: "saved" },
          loadCount: s.loadCount + 1,
        }));
      },
      startLoop: (prompt, settings) => {
        apply({ type: "started", prompt, settings });
        set({ selectedRoundId: null, editDraft: null, compare: null, sessionId: null, save: { status: "idle" } });
        if (ports.sessions) {
          sessionReady = ports.sessions.create({ prompt, settings }).then(
            (id) => {
              set({ sessionId: id });
              ports.onSessionCreated?.(id);
              return id;
            },
            (e: Error) => {
              set({ save: { status: "error", message: e.message } });
              return null;
            },
          );
        }
        run();
      },
      stopLoop: () => {
        controller?.abort();
        apply({ type: "stopped" });
        void saveStatus();
      },
      pauseLoop: () => apply({ type: "pauseRequested" }),
      resumeLoop: (extraRefinements) => {
        const { editDraft, loop } = get();
        if (pendingEdit(loop, editDraft)) {
          if (!validateSvg(editDraft!.text).ok) return;
          apply({ type: "editCommitted", svg: editDraft!.text, sourceRoundId: editDraft!.sourceRoundId });
          set({ editDraft: null, selectedRoundId: null });
        } else if (loop.status !== "paused") {
          return;
        }
        apply({ type: "resumed", extraRefinements });
        run();
      },
      retryStep: () => {
        apply({ type: "retried" });
        run();
      },
      selectRound: (roundId) => set({ selectedRoundId: roundId }),
      editSvg: (sourceRoundId, text) => set({ editDraft: { sourceRoundId, text } }),
      discardEdit: () => set({ editDraft: null }),
      openCompare: (leftId, rightId) => set({ compare: { leftId, rightId } }),
      closeCompare: () => set({ compare: null }),
    };
  });
}

/** An edit that differs from the SVG of the round it started from. */
export function pendingEdit(loop: LoopState, editDraft: EditDraft | null): boolean {
  if (!editDraft) return false;
  const source = loop.rounds.find((r) => r.id === editDraft.sourceRoundId);
  return source !== undefined && editDraft.text !== (source.svg ?? source.modelText);
}

/** What Resume would do now, for the button's state and label. */
export function resumeAvailability(state: Pick<StudioState, "loop" | "editDraft">): { enabled: boolean; reason: string } {
  const { loop, editDraft } = state;
  if (loop.status === "running") return { enabled: false, reason: "The loop is running." };
  if (pendingEdit(loop, editDraft)) {
    const validation = validateSvg(editDraft!.text);
    if (!validation.ok) {
      return { enabled: false, reason: `Fix the SVG first: line ${validation.line}, column ${validation.column}: ${validation.message}` };
    }
    return { enabled: true, reason: "Resume from your edit: it becomes a hand-edit round, is critiqued, and refinement continues from it." };
  }
  if (loop.status === "paused") return { enabled: true, reason: "Continue the loop." };
  return { enabled: false, reason: loop.rounds.length ? "Edit the SVG to resume from it." : "Nothing to resume yet." };
}

export { selectShownRound };
