/**
 * Bounded work for the built-in engine: every answer is computed in a worker process
 * (answer-worker.ts) under a time limit. Past the limit the worker is killed — the only way to
 * stop resvg, which cannot be interrupted — and the request fails with a 422 that says so; the
 * next request starts a fresh worker. Meanwhile the server's own event loop only waits on a
 * message, so the studio keeps answering other requests.
 *
 * One worker per server process, started ahead (`warmAnswerProcess`, at the studio's start) or
 * on first use (a second or two), and stopped after 15 idle minutes to give its memory back. Jobs queue in order; a full queue is a 503.
 * Time limit: ENGINE_TIME_LIMIT_MS (default 15000), or the option of that name.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ProtocolError } from "../protocol/openai-protocol";
import type { EngineRole } from "./answer-turn";
import { studioConfig } from "../../config/studio-config";
import { compiledWorkerScript } from "../../config/compiled-workers";

export interface AnswerJob {
  /** The last user turn: its text and its image data URLs (already size-checked). */
  text: string;
  images: string[];
  /** Which built-in model answers (its style: IntroSVG, InternSVG, chat). */
  model: string;
  /** Every text of the request, for the prompt token count. */
  texts: string[];
  /** The request's `seed` (unset: 0). */
  seed?: number;
}

export interface Answer {
  role: EngineRole;
  text: string;
  promptTextTokens: number;
}

export type WorkerReply =
  { type: "ready" } | ({ type: "answer"; id: number } & Answer) | { type: "error"; id: number; status: number; message: string; param: string | null };

export const DEFAULT_TIME_LIMIT_MS = 15_000;
const MAX_QUEUED = 16;
const START_TIMEOUT_MS = 60_000;
const IDLE_STOP_MS = 15 * 60_000;

export function resolveTimeLimitMs(option?: number): number {
  if (option !== undefined) return Math.max(1, option);
  return studioConfig().engine.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
}

/**
 * How the shared process fails a job: plain data, not a class of this module — Next.js may load
 * this module in more than one bundle, and the process (one per server) is shared by all of
 * them, so `computeAnswer` turns it into the caller's own ProtocolError.
 */
class EngineFailure extends Error {
  constructor(readonly failure: { status: number; message: string; param: string | null; type: string }) {
    super(failure.message);
  }
}

function failure(
  status: number,
  message: string,
  param: string | null = null,
  type = status >= 500 ? "internal_error" : "invalid_request_error",
): EngineFailure {
  return new EngineFailure({ status, message, param, type });
}

interface Pending {
  id: number;
  job: AnswerJob;
  timeLimitMs: number;
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** Counters for tests and the log: workers started, and killed at their time limit. */
export interface WorkerCounters {
  started: number;
  killed: number;
}

class AnswerProcess {
  private child: ChildProcess | null = null;
  private ready = false;
  private queue: Pending[] = [];
  private running: Pending | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private sequence = 0;
  readonly counters: WorkerCounters = { started: 0, killed: 0 };

  submit(job: AnswerJob, timeLimitMs: number, signal?: AbortSignal): Promise<Answer> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (this.queue.length >= MAX_QUEUED) {
      return Promise.reject(failure(503, `The built-in engine is busy (${this.queue.length} requests waiting); try again shortly.`, null, "server_busy"));
    }
    return new Promise<Answer>((resolve, reject) => {
      const pending: Pending = { id: ++this.sequence, job, timeLimitMs, resolve, reject, signal };
      if (signal) {
        // A request that goes away while it waits leaves the queue; a running one is left to
        // finish (its time is bounded) and its answer dropped.
        pending.onAbort = () => {
          const i = this.queue.indexOf(pending);
          if (i >= 0) {
            this.queue.splice(i, 1);
            reject(abortError());
          }
        };
        signal.addEventListener("abort", pending.onAbort, { once: true });
      }
      this.queue.push(pending);
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    if (!this.child) this.start();
    if (!this.ready || !this.child) return;
    const next = this.queue.shift()!;
    this.running = next;
    this.setRef(true);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.timer = setTimeout(() => this.timeOut(next), next.timeLimitMs);
    this.child.send({ type: "job", id: next.id, job: next.job });
  }

  private start(): void {
    const child = launch(workerScript());
    this.child = child;
    this.ready = false;
    this.counters.started += 1;
    const startTimer = setTimeout(() => {
      if (this.child === child && !this.ready) this.failAll(child, "did not start in time");
    }, START_TIMEOUT_MS);
    child.on("message", (message: WorkerReply) => {
      if (this.child !== child) return;
      if (message.type === "ready") {
        clearTimeout(startTimer);
        this.ready = true;
        this.pump();
        if (!this.running) this.idle();
        return;
      }
      const job = this.running;
      if (!job || job.id !== message.id) return;
      this.finish();
      if (message.type === "answer") job.resolve({ role: message.role, text: message.text, promptTextTokens: message.promptTextTokens });
      else job.reject(failure(message.status, message.message, message.param));
      this.pump();
    });
    child.on("error", (e) => {
      clearTimeout(startTimer);
      if (this.child === child) this.failAll(child, e.message);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(startTimer);
      if (this.child === child) this.failAll(child, signal ? `stopped by ${signal}` : `exited with code ${code}`);
    });
  }

  /** The worker died or never started: whatever it held fails, and the next job starts a new one. */
  private failAll(child: ChildProcess, why: string): void {
    this.child = null;
    this.ready = false;
    child.kill("SIGKILL");
    const failed = [...(this.running ? [this.running] : []), ...this.queue];
    this.finish();
    this.queue = [];
    for (const job of failed) job.reject(failure(500, `The built-in engine's worker process ${why}.`));
  }

  private timeOut(job: Pending): void {
    if (this.running !== job || !this.child) return;
    const child = this.child;
    this.child = null;
    this.ready = false;
    this.counters.killed += 1;
    child.kill("SIGKILL");
    this.finish();
    const seconds = Math.round(job.timeLimitMs / 100) / 10;
    job.reject(
      failure(
        422,
        `The built-in engine stopped working on this request after ${seconds} s, its time limit (ENGINE_TIME_LIMIT_MS): ` +
          "the drawing is too costly to render (large filters, masks or element counts).",
      ),
    );
    this.pump();
  }

  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const job = this.running;
    if (job?.signal && job.onAbort) job.signal.removeEventListener("abort", job.onAbort);
    this.running = null;
    if (this.queue.length === 0) this.idle();
  }

  /** Nothing to do: the worker no longer keeps the process alive, and stops if it stays idle. */
  private idle(): void {
    this.setRef(false);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stopIdle(), IDLE_STOP_MS);
    this.idleTimer.unref();
  }

  /** Starts the worker ahead of the first request. */
  warm(): void {
    if (!this.child) this.start();
  }

  private stopIdle(): void {
    if (this.running || this.queue.length || !this.child) return;
    const child = this.child;
    this.child = null;
    this.ready = false;
    child.kill();
  }

  /** A waiting job keeps the process alive; an idle worker does not (a CLI can exit). */
  private setRef(on: boolean): void {
    const child = this.child;
    if (!child) return;
    const channel = child.channel as { ref?: () => void; unref?: () => void } | undefined;
    if (on) {
      child.ref();
      channel?.ref?.();
    } else {
      child.unref();
      channel?.unref?.();
    }
  }
}

/**
 * The worker: the compiled one where there is one (lib/config/compiled-workers.ts), else its
 * source run through tsx, from the project directory, where `npm start`, the scripts and the
 * tests all run.
 */
function workerScript(): string {
  return compiledWorkerScript("engine") ?? path.join(process.cwd(), "lib", "engine", "worker", "answer-worker.ts");
}

/** The script is a parameter, not a literal, so the server's bundler leaves it alone. */
function launch(script: string): ChildProcess {
  const execArgv = script.endsWith(".ts") ? ["--import", "tsx"] : [];
  return fork(script, [], { execArgv, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

function abortError(): Error {
  return new DOMException("The request was aborted.", "AbortError");
}

// One per server process, shared by every bundle that loads this module (Next.js may load it
// more than once).
const KEY = Symbol.for("introsvg-studio.engine.answer-process");
const holder = globalThis as typeof globalThis & { [KEY]?: AnswerProcess };

function answerProcess(): AnswerProcess {
  return (holder[KEY] ??= new AnswerProcess());
}

/** Computes an answer in the worker process, within `timeLimitMs`; rejects with ProtocolError. */
export async function computeAnswer(job: AnswerJob, options: { timeLimitMs?: number; signal?: AbortSignal } = {}): Promise<Answer> {
  try {
    return await answerProcess().submit(job, resolveTimeLimitMs(options.timeLimitMs), options.signal);
  } catch (e) {
    const f = (e as { failure?: { status: number; message: string; param: string | null; type: string } }).failure;
    if (f) throw new ProtocolError(f.status, f.message, f.param, f.type);
    throw e;
  }
}

/** Starts the worker now, so the first answer does not wait for it. */
export function warmAnswerProcess(): void {
  answerProcess().warm();
}

export function workerCounters(): WorkerCounters {
  return { ...answerProcess().counters };
}
