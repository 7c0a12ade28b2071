/**
 * The three built-in profiles. "IntroSVG" is today's behaviour byte for byte (its templates and
 * sampling are lib/introsvg's, untouched). "InternSVG-8B" follows InternSVG's own evaluation
 * (temperature 0, max_tokens 4000, instructions ending "Only output the svg code, no other
 * text."). "Chat model" asks any OpenAI-compatible chat model for an SVG in a code block.
 * InternSVG's benchmark prompts are not published in its code, so its templates here are a
 * reasonable reading, not the training text: a profiles file can replace any of them.
 */
import { GENERATOR_TEMPLATE, REFINER_TEMPLATE } from "../introsvg/prompts";
import { SAMPLING, type Sampling as IntroSampling } from "../introsvg/sampling";
import type { CriticSpec, Profile, Sampling } from "./profile-schema";

export const DEFAULT_PROFILE_ID = "intro-svg";
export const INTERNSVG_PROFILE_ID = "internsvg-8b";
export const CHAT_PROFILE_ID = "chat";

/** The built-in engine's model ids, one per built-in profile (it answers every prompt style). */
export const BUILTIN_MODELS = { introsvg: "introsvg-builtin", internsvg: "internsvg-builtin", chat: "chat-builtin" } as const;

/** InternSVG's --model-name in its lmdeploy command. */
export const INTERNSVG_MODEL_NAME = "InternSVG";

export const INTERNSVG_DRAFT_TEMPLATE = "Generate an SVG icon that matches this description: {origin_prompt}\nOnly output the svg code, no other text.";
export const INTERNSVG_EDIT_TEMPLATE =
  'Edit the SVG code below so that the icon matches the description "{origin_prompt}". {critique} Make these changes:\n{suggestions}\n\n{current_svg_content}\n\nOnly output the svg code, no other text.';

/**
 * Image to SVG, with the target picture after the text. SArena's img2svg questions are not in
 * InternSVG's code; this one asks in the style of its other instructions (a profiles file can
 * replace it).
 */
export const INTERNSVG_IMAGE_TEMPLATE =
  "Generate the SVG code that reproduces the icon in this image. It shows: {origin_prompt}\nOnly output the svg code, no other text.";

export const CHAT_IMAGE_TEMPLATE =
  "Trace the attached image as an SVG icon (it shows: {origin_prompt}). Keep its shapes, proportions and colours; use plain shapes or paths and a viewBox matching the image. Put the complete SVG code in a ```svg code block.";

export const CHAT_DRAFT_TEMPLATE =
  'Create an SVG icon for this description: {origin_prompt}\n\nUse viewBox="0 0 200 200" and plain shapes or paths. Put the complete SVG code in a ```svg code block.';
export const CHAT_REFINE_TEMPLATE =
  'Here is an SVG icon drawn for the description "{origin_prompt}":\n\n```svg\n{current_svg_content}\n```\n\nA reviewer\'s critique: {critique}\n\nChanges to make:\n{suggestions}\n\nRevise the icon accordingly. Put the complete revised SVG code in a ```svg code block.';

function fromIntroSvg(s: IntroSampling): Sampling {
  return { temperature: s.temperature, maxTokens: s.maxTokens, ...(s.topP === undefined ? {} : { topP: s.topP }) };
}

export const INTERNSVG_SAMPLING: Sampling = { temperature: 0, maxTokens: 4000 };
export const CHAT_SAMPLING = { draft: { temperature: 0.5, maxTokens: 4096 }, refine: { temperature: 0.2, maxTokens: 4096 } } satisfies Record<string, Sampling>;

/** IntroSVG as the critic: its byte-exact prompt (lib/introsvg CRITIC_TEMPLATE) and sampling. */
export function introSvgCritic(server: string, model: string | undefined): CriticSpec {
  return {
    server,
    ...(model ? { model } : {}),
    template: "introsvg",
    sampling: { critique: fromIntroSvg(SAMPLING.critic), final: fromIntroSvg(SAMPLING.final_critic) },
    scoreParser: "introsvg-json",
  };
}

export interface BuiltinPlacement {
  /** Server names for each built-in profile's generator and for the IntroSVG critic. */
  introsvgServer: string;
  criticServer: string;
  internsvgServer: string;
  chatServer: string;
  /** Servers that are the studio's own built-in engine. */
  builtin: ReadonlySet<string>;
  introsvgModel?: string;
  criticModel?: string;
  internsvgModel?: string;
  chatModel?: string;
}

/**
 * The built-ins, placed on servers. The IntroSVG critic judges another profile's drafts when it
 * is "configured" for it: it runs on a server of its own (or the built-in engine, which answers
 * every style). Otherwise InternSVG-8B is a single pass (one server cannot serve both models),
 * and the chat model judges its own drafts with IntroSVG's critic prompt.
 */
export function builtinProfiles(p: BuiltinPlacement): Profile[] {
  const onEngine = (server: string) => p.builtin.has(server);
  const criticFor = (server: string) => onEngine(server) || p.criticServer !== server;
  const introCritic = introSvgCritic(p.criticServer, p.criticModel);
  const internModel = p.internsvgModel ?? (onEngine(p.internsvgServer) ? BUILTIN_MODELS.internsvg : INTERNSVG_MODEL_NAME);
  const chatModel = p.chatModel ?? (onEngine(p.chatServer) ? BUILTIN_MODELS.chat : undefined);
  return [
    {
      id: DEFAULT_PROFILE_ID,
      label: "IntroSVG",
      description: "IntroSVG's own loop: its byte-exact generator, critic and refiner prompts. Its generator takes text only.",
      generator: {
        server: p.introsvgServer,
        ...(p.introsvgModel ? { model: p.introsvgModel } : {}),
        draftTemplate: GENERATOR_TEMPLATE,
        refineTemplate: REFINER_TEMPLATE,
        sampling: { draft: fromIntroSvg(SAMPLING.generator), refine: fromIntroSvg(SAMPLING.refiner) },
        extraction: "svg",
      },
      critic: introCritic,
    },
    {
      id: INTERNSVG_PROFILE_ID,
      label: "InternSVG-8B",
      description:
        "InternSVG as generator and instruction editor (temperature 0, max_tokens 4000), judged by IntroSVG when a critic is configured. Takes an image.",
      generator: {
        server: p.internsvgServer,
        model: internModel,
        draftTemplate: INTERNSVG_DRAFT_TEMPLATE,
        refineTemplate: INTERNSVG_EDIT_TEMPLATE,
        imageTemplate: INTERNSVG_IMAGE_TEMPLATE,
        sampling: { draft: INTERNSVG_SAMPLING, refine: INTERNSVG_SAMPLING },
        extraction: "svg",
      },
      critic: criticFor(p.internsvgServer) ? introCritic : null,
    },
    {
      id: CHAT_PROFILE_ID,
      label: "Chat model",
      description: "Any OpenAI-compatible chat model (GPT-4o, Claude, Qwen…); its SVG is taken from fences or prose.",
      generator: {
        server: p.chatServer,
        ...(chatModel ? { model: chatModel } : {}),
        draftTemplate: CHAT_DRAFT_TEMPLATE,
        refineTemplate: CHAT_REFINE_TEMPLATE,
        // Vision chat models (GPT-4o, Qwen2.5-VL…) take the picture; a text-only one ignores or refuses it.
        imageTemplate: CHAT_IMAGE_TEMPLATE,
        sampling: CHAT_SAMPLING,
        extraction: "svg",
      },
      critic: criticFor(p.chatServer) ? introCritic : introSvgCritic(p.chatServer, chatModel),
    },
  ];
}
