/**
 * What a step sends, decided in one place: the role's byte-exact IntroSVG template, its
 * sampling and which configured model answers it. Every driver (the studio's routes, the Node
 * model port, batch runs) builds its requests here, so none of them can drift from the contract.
 */
import type { UserContent } from "ai";
import { buildCriticPrompt, buildGeneratorPrompt, buildRefinerPrompt } from "../introsvg/prompts";
import { SAMPLING, type Sampling } from "../introsvg/sampling";
import type { StepRole } from "../contract/step-contract";

export type StepInput =
  | { role: "generate"; prompt: string }
  | { role: "critique"; prompt: string; png: string; final: boolean }
  | { role: "refine"; prompt: string; svg: string; critique: string; suggestions: string };

export interface StepCall {
  role: StepRole;
  /** Which configured model answers: the critic may be a model of its own (INFERENCE_CRITIC_MODEL). */
  modelRole: "generator" | "critic";
  sampling: Sampling;
  content: UserContent;
}

export function buildStepCall(input: StepInput): StepCall {
  switch (input.role) {
    case "generate":
      return { role: "generate", modelRole: "generator", sampling: SAMPLING.generator, content: buildGeneratorPrompt(input.prompt) };
    case "refine":
      return {
        role: "refine",
        modelRole: "generator",
        sampling: SAMPLING.refiner,
        content: buildRefinerPrompt({ originPrompt: input.prompt, svg: input.svg, critique: input.critique, suggestions: input.suggestions }),
      };
    case "critique":
      return {
        role: "critique",
        modelRole: "critic",
        // The reference schedule's last critique runs at temperature 0.
        sampling: input.final ? SAMPLING.final_critic : SAMPLING.critic,
        // Text first, image second, as the model was trained; the literal <image> stays in the text.
        content: [
          { type: "text", text: buildCriticPrompt(input.prompt) },
          { type: "image", image: input.png, mediaType: "image/png" },
        ],
      };
  }
}
