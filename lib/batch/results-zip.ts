/**
 * A job's results as a ZIP in IntroSVG's layout (the same mapping as the CLI's folder), plus
 * items/{id}.json and report.json, streamed: one item is read from the database and deflated at
 * a time, as the download pulls, so a 1,400-item job never sits in memory whole.
 */
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import type { BatchReport } from "./output-folder";
import { buildItemRecord } from "./output-folder";
import { referenceLayoutFiles, type LayoutFile } from "./reference-layout";
import type { BatchItemOutcome } from "../contract/batch-contract";
import type { LoopSettings, LoopState } from "../loop/loop-types";
import type { RunRecord } from "../contract/run-record";

export interface ZipItem {
  id: string;
  desc: string;
  settings: LoopSettings;
  loop: Pick<LoopState, "status" | "rounds" | "extraRefinements"> | null;
  outcome: BatchItemOutcome | null;
  run: RunRecord | null;
}

const encoder = new TextEncoder();

/** Adds one file to a streaming ZIP (PNGs stored, the rest deflated). */
export function addFile(zip: Zip, file: LayoutFile): void {
  const data = typeof file.data === "string" ? encoder.encode(file.data) : file.data;
  // PNGs are deflated already: stored as they are.
  const entry = file.path.endsWith(".png") ? new ZipPassThrough(file.path) : new ZipDeflate(file.path, { level: 6 });
  zip.add(entry);
  entry.push(data, true);
}

/** The ZIP as a byte stream: `items` yields each item when it is needed, `report` comes last. */
export function resultsZipStream(items: AsyncIterable<ZipItem>, report: () => Promise<BatchReport>): ReadableStream<Uint8Array> {
  let zip: Zip;
  const iterator = items[Symbol.asyncIterator]();
  let ended = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        if (chunk.length > 0) controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    // Each pull adds at least one file (an item that never ran has none: go on to the next),
    // so the stream always has something to hand on or has ended.
    async pull() {
      while (!ended) {
        const next = await iterator.next();
        if (next.done) {
          ended = true;
          addFile(zip, { path: "report.json", data: JSON.stringify(await report(), null, 2) + "\n" });
          zip.end();
          return;
        }
        const item = next.value;
        if (!item.loop) continue;
        for (const file of referenceLayoutFiles(item.id, item.loop.rounds)) addFile(zip, file);
        const record = buildItemRecord({
          id: item.id,
          desc: item.desc,
          settings: item.settings,
          status: item.loop.status,
          extraRefinements: item.loop.extraRefinements,
          elapsedMs: item.outcome?.elapsedMs ?? 0,
          outcome: item.outcome,
          run: item.run,
          rounds: item.loop.rounds,
        });
        addFile(zip, { path: `items/${item.id}.json`, data: JSON.stringify(record, null, 2) + "\n" });
        return;
      }
    },
    cancel() {
      ended = true;
      void iterator.return?.();
    },
  });
}
