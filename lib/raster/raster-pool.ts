/**
 * Rasterizing in worker threads. In the thread that asks, a render validates the SVG, sanitizes
 * it with jsdom + DOMPurify and prepares resvg's input synchronously: 5–30 ms of blocked event
 * loop per round, which under a batch job of 16 items in flight stalled every other request of
 * the studio (and was the CLI's largest per-item cost after the network). The pool runs
 * rasterizeSvgNode in a few worker threads (raster-worker.ts) and hands back the same PNG data
 * URL, or the same RasterError.
 *
 * A worker that dies fails the jobs it held (with an Error, not a RasterError: it is not the
 * SVG's fault) and is replaced on the next job. Workers hold the process open only while they
 * have work, so a CLI ends when its last job does.
 */
import { Worker } from "node:worker_threads";
import { RasterError } from "./raster-contract";

export interface RasterRequest {
  id: number;
  svg: string;
}

export type RasterReply =
  { id: number; ok: true; png: string } | { id: number; ok: false; raster: boolean; message: string; position?: { line: number; column: number } };

export interface RasterPool {
  rasterize(svg: string): Promise<string>;
  /** Starts every worker now (each loads the renderer as it starts), so the first renders do not wait for it. */
  warm(): void;
  /** Jobs waiting or running, per worker (tests, metrics). */
  pending(): number;
  close(): Promise<void>;
}

interface Job {
  resolve: (png: string) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

export function createRasterPool(options: { script: string; size: number; execArgv?: string[] }): RasterPool {
  const size = Math.max(1, Math.floor(options.size));
  const slots: Array<Slot | null> = Array.from({ length: size }, () => null);
  let sequence = 0;
  let closed = false;

  const start = (at: number): Slot => {
    const worker = new Worker(options.script, { execArgv: options.execArgv ?? [] });
    const slot: Slot = { worker, jobs: new Map() };
    worker.unref();
    worker.on("message", (reply: RasterReply) => {
      const job = slot.jobs.get(reply.id);
      if (!job) return;
      slot.jobs.delete(reply.id);
      if (slot.jobs.size === 0) worker.unref();
      if (reply.ok) job.resolve(reply.png);
      else job.reject(reply.raster ? new RasterError(reply.message, reply.position) : new Error(reply.message));
    });
    const fail = (why: string) => {
      if (slots[at] === slot) slots[at] = null;
      for (const job of slot.jobs.values()) job.reject(new Error(`The rasterizer's worker ${why}.`));
      slot.jobs.clear();
    };
    worker.on("error", (e) => fail(`failed (${e.message})`));
    worker.on("exit", (code) => fail(`exited (code ${code})`));
    slots[at] = slot;
    return slot;
  };

  /** The least busy worker, started if its place is empty. */
  const pick = (): Slot => {
    let best = 0;
    for (let i = 0; i < size; i++) {
      const load = slots[i]?.jobs.size ?? 0;
      if (!slots[i] && load === 0) return start(i);
      if (load < (slots[best]?.jobs.size ?? 0)) best = i;
    }
    return slots[best] ?? start(best);
  };

  return {
    rasterize(svg) {
      if (closed) return Promise.reject(new Error("The raster pool is closed."));
      const slot = pick();
      const id = ++sequence;
      return new Promise<string>((resolve, reject) => {
        slot.jobs.set(id, { resolve, reject });
        slot.worker.ref();
        slot.worker.postMessage({ id, svg } satisfies RasterRequest);
      });
    },
    warm() {
      for (let i = 0; i < size; i++) if (!slots[i] && !closed) start(i);
    },
    pending: () => slots.reduce((n, s) => n + (s?.jobs.size ?? 0), 0),
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s?.worker.terminate()));
    },
  };
}
