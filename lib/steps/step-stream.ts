/**
 * A step streamed to the browser as an AI SDK UI message stream: `data-stepStart`, the model's
 * text, then `data-stepEnd` or `data-stepError`. A thin adapter over runStep; the browser's
 * abort reaches the upstream through `signal`, and an abort simply ends the stream.
 */
import { createUIMessageStream, createUIMessageStreamResponse } from "ai";
import type { InferenceConfig } from "./config";
import { OUTPUT_PART_ID, type StepUIMessage } from "../contract/step-contract";
import { runStep } from "./run-step";
import type { StepInput } from "./step-calls";

export function streamStep(config: InferenceConfig, input: StepInput, signal: AbortSignal): Response {
  const stream = createUIMessageStream<StepUIMessage>({
    execute: async ({ writer }) => {
      let textOpen = false;
      try {
        const result = await runStep(
          config,
          input,
          {
            onStart: (model) => writer.write({ type: "data-stepStart", data: { role: input.role, model } }),
            onDelta: (delta) => {
              if (!textOpen) {
                writer.write({ type: "text-start", id: OUTPUT_PART_ID });
                textOpen = true;
              }
              writer.write({ type: "text-delta", id: OUTPUT_PART_ID, delta });
            },
          },
          signal,
        );
        if (textOpen) writer.write({ type: "text-end", id: OUTPUT_PART_ID });
        if (result.ok) {
          const { finishReason, usage, ttftMs, durationMs } = result.meta;
          writer.write({ type: "data-stepEnd", data: { finishReason, usage, ttftMs, durationMs } });
        } else {
          writer.write({ type: "data-stepError", data: result.error });
        }
      } catch (e) {
        if (signal.aborted) {
          if (textOpen) writer.write({ type: "text-end", id: OUTPUT_PART_ID });
          return;
        }
        throw e;
      }
    },
  });
  return createUIMessageStreamResponse({ stream });
}
