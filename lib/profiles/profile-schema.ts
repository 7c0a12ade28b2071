/**
 * A profile says who writes the SVG and who judges it: a generator (server, model, prompt
 * templates for a draft and a refinement, sampling, how the SVG is extracted) and a critic
 * (server, model, template, sampling, how its score is read), or no critic at all (a single
 * pass). Servers are named once and shared. These zod schemas are the one source of the types
 * and validate a profiles file (STUDIO_PROFILES_FILE) with messages that name the field.
 */
import { z } from "zod";
import { PROFILE_ID_PATTERN } from "../loop/loop-schema";

/** Placeholders a template may use; each is filled verbatim in one pass (lib/introsvg/prompts.ts). */
export const TEMPLATE_FIELDS = ["origin_prompt", "current_svg_content", "critique", "suggestions"] as const;

const NAME = PROFILE_ID_PATTERN;

const name = (what: string) =>
  z.string({ message: `must be a ${what} (a string)` }).regex(NAME, { message: `must be a ${what}: lower-case letters, digits, "-" and "_", at most 40` });

export const samplingSchema = z
  .object({
    temperature: z.number({ message: "must be a number" }).min(0, { message: "must be between 0 and 2" }).max(2, { message: "must be between 0 and 2" }),
    topP: z.number({ message: "must be a number" }).gt(0, { message: "must be in (0, 1]" }).max(1, { message: "must be in (0, 1]" }).optional(),
    maxTokens: z
      .number({ message: "must be a whole number" })
      .int({ message: "must be a whole number" })
      .min(1, { message: "must be at least 1" })
      .max(131_072, { message: "must be at most 131072" }),
  })
  .strict();

function template(required: readonly (typeof TEMPLATE_FIELDS)[number][]) {
  return z
    .string({ message: "must be a string" })
    .min(1, { message: "must not be empty" })
    .max(20_000, { message: "is longer than 20000 characters" })
    .superRefine((text, ctx) => {
      for (const field of required) {
        if (!text.includes(`{${field}}`)) ctx.addIssue({ code: "custom", message: `must contain {${field}}` });
      }
    });
}

export const serverSchema = z
  .object({
    name: name("server name"),
    /** An OpenAI-compatible base URL ending in /v1, or "builtin" for the studio's own engine. */
    baseURL: z.union([z.literal("builtin"), z.url({ protocol: /^https?$/, message: 'must be "builtin" or a URL such as http://gpu-box:23333/v1' })], {
      message: 'must be "builtin" or a URL such as http://gpu-box:23333/v1',
    }),
    /** The environment variable that holds the key (keys never live in the file). */
    apiKeyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, { message: "must be an environment variable name such as GPU2_API_KEY" })
      .optional(),
    topK: z.number().int().positive({ message: "must be a whole number such as 40" }).optional(),
    timeoutMs: z.number().int().positive({ message: "must be a number of milliseconds such as 120000" }).optional(),
  })
  .strict();

export const generatorSchema = z
  .object({
    server: name("server name"),
    /** Unset: the first id the server lists under GET /models. */
    model: z.string().min(1).max(500).optional(),
    draftTemplate: template(["origin_prompt"]),
    refineTemplate: template(["current_svg_content", "suggestions"]),
    /**
     * Set when the generator takes a picture: the image-to-SVG instruction, sent with the target
     * picture as an image_url part after it (as InternSVG's img2svg inference does). Refinements
     * then carry the picture too. Unset: the generator is text-only.
     */
    imageTemplate: template(["origin_prompt"]).optional(),
    sampling: z.object({ draft: samplingSchema, refine: samplingSchema }).strict(),
    /** Bare SVG, fenced or wrapped in prose: all go through lib/svg's extraction. */
    extraction: z.literal("svg", { message: 'must be "svg"' }).default("svg"),
  })
  .strict();

export const criticSchema = z
  .object({
    server: name("server name"),
    model: z.string().min(1).max(500).optional(),
    /** IntroSVG's byte-exact critic prompt, text first and the 200×200 PNG second. */
    template: z.literal("introsvg", { message: 'must be "introsvg" (IntroSVG\'s critic prompt)' }).default("introsvg"),
    sampling: z.object({ critique: samplingSchema, final: samplingSchema }).strict(),
    /** `{"score","critique","suggestions"}`, fenced or bare (lib/introsvg/critique-parser.ts). */
    scoreParser: z.literal("introsvg-json", { message: 'must be "introsvg-json"' }).default("introsvg-json"),
  })
  .strict();

export const profileSchema = z
  .object({
    id: name("profile id"),
    label: z.string({ message: "must be a string" }).trim().min(1, { message: "must not be empty" }).max(60, { message: "is longer than 60 characters" }),
    description: z.string().max(300).optional(),
    generator: generatorSchema,
    /** null: no critic; each run is a single pass (a draft, rendered, not judged). */
    critic: criticSchema.nullable(),
  })
  .strict();

export const profilesFileSchema = z
  .object({
    servers: z.array(serverSchema).max(50).default([]),
    profiles: z.array(profileSchema).max(50).default([]),
    /** The profile the studio selects first; unset: "intro-svg". */
    defaultProfile: name("profile id").optional(),
  })
  .strict();

export type Sampling = z.infer<typeof samplingSchema>;
export type ServerSpec = z.infer<typeof serverSchema>;
export type GeneratorSpec = z.infer<typeof generatorSchema>;
export type CriticSpec = z.infer<typeof criticSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type ProfilesFile = z.infer<typeof profilesFileSchema>;
