/**
 * The designer's own notes as a refinement request. IntroSVG's refiner was trained on one
 * template with four fields: {origin_prompt}, {current_svg_content}, {critique} and
 * {suggestions}, where the critic's suggestions arrive as a numbered list ("1. …\n2. …").
 * To keep a notes request inside the distribution the model was trained on, the notes fill
 * those fields the way a critique would: the notes, one per line, become the numbered
 * {suggestions}; {critique} gets one short fixed sentence (DESIGNER_NOTES_CRITIQUE), since a
 * designer's notes say what to change rather than grade the draft. The same two values fill
 * every profile's refine template, and the built-in engine recognises the sentence to read the
 * suggestions as the designer's (whose word wins over its own measurements).
 */
export const DESIGNER_NOTES_CRITIQUE = "The designer reviewed this version.";

/** Longest notes accepted for one round. */
export const NOTES_MAX_CHARS = 4_000;

/** The notes' lines, each without its own numbering or bullet; blank lines dropped. */
export function noteLines(notes: string): string[] {
  return notes
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:\d+[.)]|[-*•])\s*/, "").trim())
    .filter(Boolean);
}

/** The notes as the critic writes suggestions: "1. …\n2. …". */
export function notesAsSuggestions(notes: string): string {
  return noteLines(notes)
    .map((line, i) => `${i + 1}. ${line}`)
    .join("\n");
}

/** The {critique} and {suggestions} values a notes refinement sends. */
export function notesRefineFields(notes: string): { critique: string; suggestions: string } {
  return { critique: DESIGNER_NOTES_CRITIQUE, suggestions: notesAsSuggestions(notes) };
}

/**
 * Notes that stand from a "Your notes" round on: every notes round's lines, in order. They are
 * appended to the design prompt the critic and the refiner are given (their templates keep their
 * bytes: only {origin_prompt} grows), so later rounds are judged and refined against them.
 */
export const STANDING_NOTES_MAX_CHARS = 4 * NOTES_MAX_CHARS;
/** Where the designer's notes start inside a design prompt; the built-in engine reads it back. */
export const BRIEF_NOTES_HEADING = "\n\nThe designer's notes (they take precedence over the description above):\n";

/** The design prompt with the standing notes appended (unchanged when there are none). */
export function briefWithNotes(prompt: string, standingNotes?: string | null): string {
  const lines = noteLines(standingNotes ?? "");
  if (lines.length === 0) return prompt;
  return `${prompt}${BRIEF_NOTES_HEADING}${lines.map((line, i) => `${i + 1}. ${line}`).join("\n")}`;
}

/** A design prompt split back into the description and the designer's notes. */
export function readBrief(originPrompt: string): { prompt: string; notes: string[] } {
  const at = originPrompt.indexOf(BRIEF_NOTES_HEADING);
  if (at < 0) return { prompt: originPrompt, notes: [] };
  return { prompt: originPrompt.slice(0, at), notes: noteLines(originPrompt.slice(at + BRIEF_NOTES_HEADING.length)) };
}
