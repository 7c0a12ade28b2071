/**
 * IntroSVG's three prompt templates. The model was trained on these exact strings, so they are
 * filled byte for byte: placeholders are replaced verbatim, nothing is trimmed or escaped.
 * The JSON beside this file holds IntroSVG's texts byte for byte (a unit test pins its SHA-256 and
 * rebuilds the real training examples from it) and is the only place the texts live.
 */
import spec from "./introsvg-prompts.json";

export const GENERATOR_TEMPLATE: string = spec.generator;
export const CRITIC_TEMPLATE: string = spec.critic;
export const REFINER_TEMPLATE: string = spec.refiner;

/**
 * Replaces `{name}` placeholders in one pass, so text inside a value is never re-substituted.
 * Every profile's templates are filled this way (lib/profiles), IntroSVG's byte for byte.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(origin_prompt|current_svg_content|critique|suggestions)\}/g, (whole, key: string) => (key in values ? values[key] : whole));
}

export function buildGeneratorPrompt(originPrompt: string): string {
  return fillTemplate(GENERATOR_TEMPLATE, { origin_prompt: originPrompt });
}

/** The critic's text part. The literal `<image>` stays in the text; the PNG travels as a second part. */
export function buildCriticPrompt(originPrompt: string): string {
  return fillTemplate(CRITIC_TEMPLATE, { origin_prompt: originPrompt });
}

export function buildRefinerPrompt(input: { originPrompt: string; svg: string; critique: string; suggestions: string }): string {
  return fillTemplate(REFINER_TEMPLATE, {
    origin_prompt: input.originPrompt,
    current_svg_content: input.svg,
    critique: input.critique,
    suggestions: input.suggestions,
  });
}

function templateParts(template: string): { head: string; tail: string } {
  const at = template.indexOf("{origin_prompt}");
  return { head: template.slice(0, at), tail: template.slice(at + "{origin_prompt}".length) };
}

/**
 * Recognises which of the three templates a user turn was built from and recovers its fields.
 * Used by the built-in engine (which must answer the model's prompts) and by tests.
 */
export function parsePromptText(
  text: string,
):
  | { role: "generator"; originPrompt: string }
  | { role: "critic"; originPrompt: string }
  | { role: "refiner"; originPrompt: string; svg: string; critique: string; suggestions: string }
  | null {
  const gen = templateParts(GENERATOR_TEMPLATE);
  if (text.startsWith(gen.head) && gen.tail === "") {
    return { role: "generator", originPrompt: text.slice(gen.head.length) };
  }
  const critic = templateParts(CRITIC_TEMPLATE);
  if (text.startsWith(critic.head) && text.endsWith(critic.tail) && text.length >= critic.head.length + critic.tail.length) {
    return { role: "critic", originPrompt: text.slice(critic.head.length, text.length - critic.tail.length) };
  }
  const refiner = REFINER_TEMPLATE.split(/\{(?:origin_prompt|current_svg_content|critique|suggestions)\}/);
  if (refiner.length === 5 && text.startsWith(refiner[0]) && text.endsWith(refiner[4])) {
    const body = text.slice(refiner[0].length, text.length - refiner[4].length);
    // Separators are searched from the right where a field (the SVG, the critique) may itself
    // contain quote characters; the origin prompt comes first and is short.
    const a = body.indexOf(refiner[1]);
    const c = body.lastIndexOf(refiner[3]);
    const b = a < 0 || c < 0 ? -1 : body.lastIndexOf(refiner[2], c);
    if (a >= 0 && b > a && c > b) {
      return {
        role: "refiner",
        originPrompt: body.slice(0, a),
        svg: body.slice(a + refiner[1].length, b),
        critique: body.slice(b + refiner[2].length, c),
        suggestions: body.slice(c + refiner[3].length),
      };
    }
  }
  return null;
}
