/**
 * Stores a loop's rounds and status in the session they belong to. Saves run one after another,
 * in the order they were asked for, so a slow save can never land after (and overwrite) a newer
 * state of the same round. Each save captures its session before it waits for the create, so a
 * slow create can never store one loop's rounds in another.
 */
import type { SessionPort } from "./loop-ports";
import type { Candidate, LoopSettings, LoopStatus, Round } from "./loop-types";

export type SaveState = { status: "idle" | "saving" | "saved" } | { status: "error"; message: string };

export interface SessionSaverOptions {
  /** Where sessions are kept; without it nothing is stored (tests of the loop alone). */
  sessions?: SessionPort;
  /** Told when the current session gets its id, never for a session a newer one replaced. */
  onSessionCreated?: (id: string) => void;
  /** Told after every save that succeeded, whichever session it went to. */
  onSaved?: (id: string) => void;
  /** The current session's save state; saves to a replaced session no longer report. */
  onSaveState?: (save: SaveState) => void;
}

export interface SessionSaver {
  /** Later saves go to a new session, created now from this prompt and settings. */
  create(input: { prompt: string; settings: LoopSettings }): void;
  /** Later saves go to a session that is already stored. */
  adopt(id: string): void;
  saveRound(round: Round): Promise<void>;
  saveCandidate(candidate: Candidate): Promise<void>;
  saveStatus(patch: { status: LoopStatus; extraRefinements: number; keptRound?: number | null }): Promise<void>;
  /** Settles once every save asked for so far has settled. */
  flushed(): Promise<void>;
  state(): SaveState;
}

/** One stored session: its id, once the create has answered (null if it failed). */
interface Binding {
  id: Promise<string | null>;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function createSessionSaver(options: SessionSaverOptions): SessionSaver {
  const { sessions } = options;
  let current: Binding = { id: Promise.resolve(null) };
  let queue: Promise<void> = Promise.resolve();
  let state: SaveState = { status: "idle" };

  const report = (next: SaveState) => {
    state = next;
    options.onSaveState?.(next);
  };

  const enqueue = (work: (port: SessionPort, id: string) => Promise<void>): Promise<void> => {
    const binding = current;
    const next = queue.then(async () => {
      const id = await binding.id;
      if (!id || !sessions) return;
      const isCurrent = binding === current;
      if (isCurrent) report({ status: "saving" });
      try {
        await work(sessions, id);
        if (isCurrent) report({ status: "saved" });
        options.onSaved?.(id);
      } catch (e) {
        // Not saving is reported, never fatal: the loop and its rounds stay where they are.
        if (isCurrent) report({ status: "error", message: messageOf(e) });
      }
    });
    queue = next;
    return next;
  };

  return {
    create: (input) => {
      const binding: Binding = { id: Promise.resolve(null) };
      current = binding;
      report({ status: "idle" });
      if (!sessions) return;
      binding.id = sessions.create(input).then(
        (id) => {
          if (binding === current) options.onSessionCreated?.(id);
          return id;
        },
        (e: unknown) => {
          if (binding === current) report({ status: "error", message: messageOf(e) });
          return null;
        },
      );
    },
    adopt: (id) => {
      current = { id: Promise.resolve(id) };
      report({ status: "saved" });
    },
    saveRound: (round) => enqueue((port, id) => port.saveRound(id, round)),
    saveCandidate: (candidate) => enqueue(async (port, id) => port.saveCandidate?.(id, candidate)),
    saveStatus: (patch) => enqueue((port, id) => port.update(id, patch)),
    flushed: () => queue,
    state: () => state,
  };
}
