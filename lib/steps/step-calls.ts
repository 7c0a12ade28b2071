/**
 * What a step sends, decided in one place: the profile's template for the role, its sampling,
 * and which server and model answer it. Every driver (the studio's routes, the Node model
 * port, batch runs) builds its requests here, so none of them can drift from the contract.
 * The "intro-svg" profile's calls are IntroSVG's byte-exact prompts and sampling, as before.
 */
import { buildCriticPrompt, fillTemplate } from "../introsvg/prompts";
import { briefWithNotes, notesRefineFields } from "../introsvg/designer-notes";
import type { Sampling } from "../introsvg/sampling";
import type { StepRole } from "../contract/step-contract";
import { findProfile, type ProfileSetup } from "../profiles/profile-setup";

/** `profile` unset: the studio's default profile ("intro-svg" unless a profiles file says otherwise). */
/**
 * `image`: the session's target picture (a PNG data URL, already scaled by the browser); sent
 * only to generators that take one (an image template), as an image_url part after the text.
 */
export type StepInput =
  | { role: "generate"; prompt: string; image?: string; profile?: string; seed?: number }
  | { role: "critique"; prompt: string; png: string; final: boolean; standingNotes?: string; profile?: string }
  | {
      role: "refine";
      prompt: string;
      svg: string;
      critique: string;
      suggestions: string;
      /** The designer's notes: when given, they replace the critique and suggestions (see designer-notes.ts). */
      notes?: string;
      /** Notes of earlier "Your notes" rounds: appended to the design prompt (lib/loop/brief.ts). */
      standingNotes?: string;
      image?: string;
      profile?: string;
    };

/** A step's one user message: the text, or (for a critic) text then the image, as trained. */
export type StepContent = string | Array<{ type: "text"; text: string } | { type: "image"; image: string; mediaType: "image/png" }>;

export interface StepCall {
  role: StepRole;
  /** Which of the profile's two models answers. */
  modelRole: "generator" | "critic";
  sampling: Sampling;
  content: StepContent;
  /** The profile's id and the server (by name in the profile setup) and model that answer. */
  profile: string;
  server: string;
  /** Unset: the first id the server lists. */
  model?: string;
  /** A candidate's own seed (the draft step with several candidates); unset: the server's own sampling. */
  seed?: number;
}

export class NoCriticError extends Error {}

/** The text alone, or text then the target picture (InternSVG's img2svg order). */
function withPicture(text: string, image: string | undefined): StepContent {
  return image === undefined
    ? text
    : [
        { type: "text", text },
        { type: "image", image, mediaType: "image/png" },
      ];
}

export function buildStepCall(input: StepInput, setup: ProfileSetup): StepCall {
  const profile = findProfile(setup, input.profile);
  const { generator } = profile;
  const generatorCall = {
    modelRole: "generator" as const,
    profile: profile.id,
    server: generator.server,
    ...(generator.model ? { model: generator.model } : {}),
  };
  switch (input.role) {
    case "generate": {
      const withImage = input.image !== undefined && generator.imageTemplate !== undefined;
      const text = fillTemplate(withImage ? generator.imageTemplate! : generator.draftTemplate, { origin_prompt: input.prompt });
      return {
        role: "generate",
        ...generatorCall,
        sampling: generator.sampling.draft,
        content: withPicture(text, withImage ? input.image : undefined),
        ...(input.seed === undefined ? {} : { seed: input.seed }),
      };
    }
    case "refine": {
      const fields = input.notes !== undefined ? notesRefineFields(input.notes) : { critique: input.critique, suggestions: input.suggestions };
      return {
        role: "refine",
        ...generatorCall,
        sampling: generator.sampling.refine,
        content: withPicture(
          fillTemplate(generator.refineTemplate, {
            origin_prompt: briefWithNotes(input.prompt, input.standingNotes),
            current_svg_content: input.svg,
            critique: fields.critique,
            suggestions: fields.suggestions,
          }),
          generator.imageTemplate !== undefined ? input.image : undefined,
        ),
      };
    }
    case "critique": {
      const { critic } = profile;
      if (!critic) throw new NoCriticError(`The profile "${profile.label}" has no critic: its runs are a single pass.`);
      return {
        role: "critique",
        modelRole: "critic",
        profile: profile.id,
        server: critic.server,
        ...(critic.model ? { model: critic.model } : {}),
        // The reference schedule's last critique runs at temperature 0.
        sampling: input.final ? critic.sampling.final : critic.sampling.critique,
        // Text first, image second, as the model was trained; the literal <image> stays in the text.
        content: [
          // The template keeps its bytes; the notes standing so far join the design prompt it is given.
          { type: "text", text: buildCriticPrompt(briefWithNotes(input.prompt, input.standingNotes)) },
          { type: "image", image: input.png, mediaType: "image/png" },
        ],
      };
    }
  }
}
