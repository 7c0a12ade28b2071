/**
 * A step streamed to the browser in the AI SDK's UI message stream protocol (SSE, one JSON
 * chunk per event, `[DONE]` last): `data-stepStart`, the model's text, then `data-stepEnd` or
 * `data-stepError`. A thin adapter over runStep; the browser's abort reaches the upstream
 * through `signal`, and an abort simply ends the stream.
 *
 * The chunks are encoded straight into the response's one stream: the SDK's
 * createUIMessageStream + createUIMessageStreamResponse pass every chunk through four more
 * streams (finish handling, JSON→SSE, keep-alive, text encoding), which cost ~2 ms before the
 * first token reached the browser and a share of the CPU on every token.
 *
 * The first piece of text goes out at once (time to first token); later pieces are gathered
 * for up to TEXT_FLUSH_MS and sent as one delta. An upstream streams a token or two per chunk,
 * ~100 chunks a second a step; under fifty concurrent steps one JSON event and one socket write
 * per chunk kept the server's main thread busy without a pause. The browser redraws the text 10
 * times a second, so gathering 25 ms of it is never seen.
 */
import { UI_MESSAGE_STREAM_HEADERS } from "ai";
import type { InferenceConfig } from "./config";
import { OUTPUT_PART_ID, type StepUIMessage } from "../contract/step-contract";
import type { InferUIMessageChunk } from "ai";
import { runStep } from "./run-step";
import type { StepInput } from "./step-calls";

type StepChunk = InferUIMessageChunk<StepUIMessage>;

/** How long text after the first piece is gathered before it is written. */
export const TEXT_FLUSH_MS = 25;

export function streamStep(config: InferenceConfig, input: StepInput, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => {
      let open = true;
      const event = (chunk: StepChunk | "[DONE]") => `data: ${chunk === "[DONE]" ? chunk : JSON.stringify(chunk)}\n\n`;
      const send = (chunks: StepChunk | "[DONE]" | StepChunk[]) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(Array.isArray(chunks) ? chunks.map(event).join("") : event(chunks)));
        } catch {
          open = false; // the browser went away
        }
      };
      const close = () => {
        send("[DONE]");
        open = false;
        try {
          controller.close();
        } catch {
          // already cancelled
        }
      };
      let textOpen = false;
      let pending = "";
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = () => {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        if (pending === "") return;
        const delta = pending;
        pending = "";
        send({ type: "text-delta", id: OUTPUT_PART_ID, delta });
      };
      const endText = () => {
        if (!textOpen) return;
        flush();
        send({ type: "text-end", id: OUTPUT_PART_ID });
      };
      void runStep(
        config,
        input,
        {
          onStart: (model) => send({ type: "data-stepStart", data: { role: input.role, model } }),
          onDelta: (delta) => {
            if (!textOpen) {
              // One write with the first piece of text, not two.
              textOpen = true;
              send([
                { type: "text-start", id: OUTPUT_PART_ID },
                { type: "text-delta", id: OUTPUT_PART_ID, delta },
              ]);
              return;
            }
            pending += delta;
            timer ??= setTimeout(flush, TEXT_FLUSH_MS);
          },
        },
        signal,
      ).then(
        (result) => {
          endText();
          if (result.ok) {
            const { finishReason, usage, ttftMs, durationMs } = result.meta;
            send({ type: "data-stepEnd", data: { finishReason, usage, ttftMs, durationMs } });
          } else {
            send({ type: "data-stepError", data: result.error });
          }
          close();
        },
        (e: unknown) => {
          endText();
          // An abort ends the stream quietly; anything else is a fault of ours, said without detail.
          if (!signal.aborted) {
            console.error("step failed", e);
            send({ type: "error", errorText: "An error occurred." });
          }
          close();
        },
      );
    },
  });
  return new Response(body, { headers: UI_MESSAGE_STREAM_HEADERS });
}
