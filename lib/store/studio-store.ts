/**
 * The studio page's UI state: the loop session, which round is selected, the editor's draft,
 * and the one run in flight. A factory, not a module-global store, so each page (and each test)
 * gets its own. Only the newest run may change the session: a late event from a stopped or
 * replaced run is dropped (svgomg's latest-job rule). Saves capture what they save before they
 * wait for the session's id, so a slow create can never store one loop's rounds in another.
 */
import { createStore } from "zustand/vanilla";
import type { SessionPort } from "../clients/session-client";
import type { SessionDetail } from "../contract/session-contract";
import { loopReducer, reopenedState, type LoopEvent } from "../loop/loop-reducer";
import type { ModelPort, RasterizePort } from "../loop/loop-ports";
import { INITIAL_LOOP_STATE, type LoopSettings, type LoopState } from "../loop/loop-types";
import { nextStep } from "../loop/next-step";
import { runLoop } from "../loop/run-loop";
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
  /**
   * Continues the loop: from a pending valid edit (which first becomes a hand-edit round), from
   * a pause, or past its end with `extraRefinements` more rounds.
   */
  resumeLoop: (extraRefinements?: number) => void;
  retryStep: () => void;
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
  let controller: AbortController | null = null;
  let runId = 0;
  // The session the current loop saves into: its id once created, and which start made it.
  let sessionReady: Promise<string | null> = Promise.resolve(null);
  let sessionToken = 0;

  return createStore<StudioState>()((set, get) => {
    const apply = (event: LoopEvent) => set((s) => ({ loop: loopReducer(s.loop, event) }));

    // Saves run one after another, in the order they were asked for, so a slow save can never
    // land after (and overwrite) a newer state of the same round.
    let queue: Promise<void> = Promise.resolve();
    const saving = (work: (id: string) => Promise<void>): Promise<void> => {
      const ready = sessionReady;
      const token = sessionToken;
      const next = queue.then(async () => {
        const id = await ready;
        if (!id || !ports.sessions) return;
        const current = token === sessionToken;
        if (current) set({ save: { status: "saving" } });
        try {
          await work(id);
          if (current) set({ save: { status: "saved" } });
          ports.onSaved?.(id);
        } catch (e) {
          // Not saving is reported, never fatal: the loop and its rounds stay on the page.
          if (current) set({ save: { status: "error", message: (e as Error).message } });
        }
      });
      queue = next;
      return next;
    };
    const saveRound = (roundId: string) => {
      const round = get().loop.rounds.find((r) => r.id === roundId);
      return round ? saving((id) => ports.sessions!.saveRound(id, round)) : Promise.resolve();
    };
    const saveStatus = () => {
      const { status, extraRefinements } = get().loop;
      return saving((id) => ports.sessions!.update(id, { status, extraRefinements }));
    };

    const run = () => {
      controller?.abort();
      const own = new AbortController();
      const id = ++runId;
      controller = own;
      void saveStatus();
      void runLoop({
        getState: () => get().loop,
        dispatch: (event) => {
          if (id === runId) apply(event);
        },
        model: ports.model,
        rasterize: ports.rasterize,
        signal: own.signal,
        checkpoint: (roundId) => (id === runId ? saveRound(roundId) : Promise.resolve()),
      }).finally(() => {
        if (controller === own) controller = null;
        if (id === runId) void saveStatus();
      });
    };

    /** Ends the run in flight without letting it write anything more. */
    const detachRun = () => {
      controller?.abort();
      controller = null;
      runId++;
    };

    return {
      loop: initial,
      selectedRoundId: null,
      editDraft: null,
      compare: null,
      sessionId: null,
      save: { status: "idle" },
      loadCount: 0,
      loadSession: (session) => {
        detachRun();
        sessionToken++;
        apply({
          type: "loaded",
          state: reopenedState({
            prompt: session.prompt,
            settings: session.settings,
            rounds: session.rounds,
            status: session.status,
            pauseRequested: false,
            extraRefinements: session.extraRefinements,
          }),
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
        detachRun();
        apply({ type: "started", prompt, settings });
        set({ selectedRoundId: null, editDraft: null, compare: null, sessionId: null, save: { status: "idle" } });
        const token = ++sessionToken;
        sessionReady = ports.sessions
          ? ports.sessions.create({ prompt, settings }).then(
              (id) => {
                if (token === sessionToken) {
                  set({ sessionId: id });
                  ports.onSessionCreated?.(id);
                }
                return id;
              },
              (e: Error) => {
                if (token === sessionToken) set({ save: { status: "error", message: e.message } });
                return null;
              },
            )
          : Promise.resolve(null);
        run();
      },
      stopLoop: () => {
        detachRun();
        const before = get().loop.rounds.at(-1);
        apply({ type: "stopped" });
        const after = get().loop.rounds.at(-1);
        if (after && after !== before) void saveRound(after.id);
        void saveStatus();
      },
      pauseLoop: () => apply({ type: "pauseRequested" }),
      resumeLoop: (extraRefinements) => {
        const state = get();
        const availability = resumeAvailability(state, extraRefinements ?? 0);
        if (!availability.enabled) return;
        if (pendingEdit(state.loop, state.editDraft)) {
          apply({ type: "editCommitted", svg: state.editDraft!.text, sourceRoundId: state.editDraft!.sourceRoundId });
          set({ editDraft: null, selectedRoundId: null });
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
      dispose: () => {
        const running = get().loop.status === "running";
        detachRun();
        if (running) {
          apply({ type: "paused" });
          void saveStatus();
        }
      },
    };
  });
}

/** An edit that differs from the SVG of the round it started from. */
export function pendingEdit(loop: LoopState, editDraft: EditDraft | null): boolean {
  if (!editDraft) return false;
  const source = loop.rounds.find((r) => r.id === editDraft.sourceRoundId);
  return source !== undefined && editDraft.text !== (source.svg ?? source.modelText);
}

/** What Resume would do now (with `extraRefinements` more rounds), for the button's state and title. */
export function resumeAvailability(
  state: Pick<StudioState, "loop" | "editDraft">,
  extraRefinements = 0,
): { enabled: boolean; reason: string } {
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
  if (loop.status === "done" && extraRefinements > 0) {
    const granted = { ...loop, status: "running" as const, extraRefinements: loop.extraRefinements + extraRefinements };
    if (nextStep(granted).type === "generate") {
      return { enabled: true, reason: `Refine ${extraRefinements} more round${extraRefinements === 1 ? "" : "s"}.` };
    }
    return { enabled: false, reason: "The last round already reached the threshold; edit the SVG to resume from it." };
  }
  if (loop.status === "failed" || loop.status === "stopped") return { enabled: false, reason: "Use Retry on the failed round, or edit the SVG." };
  return { enabled: false, reason: loop.rounds.length ? "Edit the SVG, or ask for more rounds, to resume." : "Nothing to resume yet." };
}
