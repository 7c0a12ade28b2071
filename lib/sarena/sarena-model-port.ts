/**
 * The model port for one SArena item: the draft is the benchmark's question itself, sent as
 * InternSVG's inference sends it (one user message: the text, then for img2svg the image as an
 * image_url data URL), on the profile's generator server and model with its draft sampling (the
 * InternSVG-8B profile: temperature 0, max_tokens 4000). The critique and refinements of paper
 * mode are the profile's own steps (lib/steps), judged against the item's instruction.
 */
import { readFile } from "node:fs/promises";
import type { ModelPort } from "../loop/loop-ports";
import { profileSetupOf, type InferenceConfig } from "../steps/config";
import { createNodeModelPort } from "../steps/node-model-port";
import { runStepCall } from "../steps/run-step";
import { buildStepCall, type StepCall } from "../steps/step-calls";

/** The draft request of an item: the question, and its image (a PNG data URL) when it has one. */
export function sarenaDraftCall(config: InferenceConfig, input: { question: string; image: string | null; profile?: string }): StepCall {
  const call = buildStepCall({ role: "generate", prompt: "", profile: input.profile }, profileSetupOf(config));
  return {
    ...call,
    content:
      input.image === null
        ? input.question
        : [
            { type: "text", text: input.question },
            { type: "image", image: input.image, mediaType: "image/png" },
          ],
  };
}

/** `imagePath`: the img2svg input (SArena's are PNGs), read when the draft is asked for, not before. */
export function createSarenaModelPort(config: InferenceConfig, input: { question: string; imagePath: string | null; profile?: string }): ModelPort {
  const steps = createNodeModelPort(config);
  return {
    generate: async (_draft, handlers, signal) => {
      let image: string | null = null;
      if (input.imagePath) {
        try {
          image = `data:image/png;base64,${(await readFile(input.imagePath)).toString("base64")}`;
        } catch (e) {
          return {
            ok: false,
            error: {
              code: "bad_request",
              message: `The item's image ${input.imagePath} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
            },
          };
        }
      }
      return runStepCall(config, sarenaDraftCall(config, { question: input.question, image, profile: input.profile }), { onDelta: handlers.onDelta }, signal);
    },
    refine: steps.refine,
    critique: steps.critique,
  };
}
