/**
 * The built-in engine's worker process (started by answer-process.ts, never run by hand): it
 * computes answers — the generator's composition, the critic's image measurements, the
 * refiner's renders — so that this work happens outside the server's event loop and can be
 * stopped by killing the process when it runs past its time limit (resvg cannot be interrupted
 * otherwise: a few hundred bytes of SVG filters can keep it busy for minutes).
 *
 * Messages: it sends {type: "ready"} once loaded; it answers each {type: "job"} with
 * {type: "answer"} or {type: "error"}; it exits when its parent goes away.
 */
import { ImageDecodeError } from "../drawing/image-measure";
import { ProtocolError } from "../protocol/openai-protocol";
import { prepareTurn } from "./answer-turn";
import { countTokens } from "../protocol/tokenize";
import type { AnswerJob, WorkerReply } from "./answer-process";

function reply(message: WorkerReply): void {
  process.send?.(message);
}

process.on("message", (message: { type: "job"; id: number; job: AnswerJob }) => {
  if (message?.type !== "job") return;
  const { id, job } = message;
  try {
    const prepared = prepareTurn(job.text, job.images, job.model, job.seed);
    const text = prepared.answer();
    let promptTextTokens = 0;
    for (const t of job.texts) promptTextTokens += countTokens(t);
    reply({ type: "answer", id, role: prepared.role, text, promptTextTokens });
  } catch (e) {
    if (e instanceof ImageDecodeError) reply({ type: "error", id, status: e.tooLarge ? 413 : 400, message: e.message, param: "image_url" });
    else if (e instanceof ProtocolError) reply({ type: "error", id, status: e.status, message: e.message, param: e.param });
    else reply({ type: "error", id, status: 500, message: `Built-in engine error: ${e instanceof Error ? e.message : String(e)}`, param: null });
  }
});

process.on("disconnect", () => process.exit(0));
reply({ type: "ready" });
