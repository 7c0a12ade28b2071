/**
 * A run's IntroSVG training files (lib/export/training-data.ts) as a ZIP, streamed: each item is
 * read and its critic PNGs added as the download pulls, and the JSON files (records only, no
 * images) come last, once every item has been seen.
 */
import { Zip } from "fflate";
import { createTrainingDataBuilder, type TrainingItem, type TrainingOptions } from "../export/training-data";
import { addFile } from "./results-zip";

export function trainingZipStream(items: AsyncIterable<TrainingItem | null>, options?: TrainingOptions): ReadableStream<Uint8Array> {
  let zip: Zip;
  const iterator = items[Symbol.asyncIterator]();
  const builder = createTrainingDataBuilder(options);
  let ended = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        if (chunk.length > 0) controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull() {
      // Each pull adds a file or ends the archive (an item with no critiqued round adds none: go on).
      while (!ended) {
        const next = await iterator.next();
        if (next.done) {
          ended = true;
          const { files, summary } = builder.finish();
          for (const file of files) addFile(zip, file);
          addFile(zip, { path: "training_summary.json", data: JSON.stringify(summary, null, 2) + "\n" });
          zip.end();
          return;
        }
        if (!next.value) continue;
        const images = builder.add(next.value);
        for (const file of images) addFile(zip, file);
        if (images.length > 0) return;
      }
    },
    cancel() {
      ended = true;
      void iterator.return?.();
    },
  });
}
