/** Sampling per role, as the reference script sends it (see introsvg-prompts.json). */
import spec from "./introsvg-prompts.json";

export type SamplingRole = "generator" | "critic" | "refiner" | "final_critic";

export interface Sampling {
  maxTokens: number;
  temperature: number;
  topP?: number;
}

function read(role: SamplingRole): Sampling {
  const s = spec.sampling[role] as { max_tokens: number; temperature: number; top_p?: number };
  return { maxTokens: s.max_tokens, temperature: s.temperature, ...(s.top_p === undefined ? {} : { topP: s.top_p }) };
}

export const SAMPLING: Readonly<Record<SamplingRole, Sampling>> = {
  generator: read("generator"),
  critic: read("critic"),
  refiner: read("refiner"),
  final_critic: read("final_critic"),
};

export const RASTER = {
  width: spec.raster.width,
  height: spec.raster.height,
  background: spec.raster.background,
} as const;
