/**
 * The critic role: measures the PNG it receives (never the prompt alone) and writes the
 * model's bare JSON `{"score", "critique", "suggestions"}`. The score follows from the
 * measurements: 9.8 for a clean, centred, well-sized drawing that shows what the prompt names
 * in the asked colours, minus a penalty per finding: blank canvas, too small, off-centre, clipped,
 * tight margin, asked colour missing or faint, and (prompt-checks.ts) a named subject missing or
 * in the wrong colour, too few of a counted one, named scenery missing, the wrong style, a named
 * thing the engine has no artwork for. Another prompt's drawing misses its subjects and scores low.
 * The refiner runs the same assessment on its own render of a draft.
 */
import { type ColourWord } from "../vocabulary/colour-words";
import { colourShare, type Edge, type ImageMeasure, measureImage, type Rgba } from "../drawing/image-measure";
import { measurableColours, planBrief } from "../vocabulary/prompt-plan";
import { checkPrompt, drawnStyle } from "./prompt-checks";
import { round1 } from "../drawing/seeded";
import { critiqueText, suggestionText } from "./critic-text";
import { PERFECT_SCORE, type Assessment, type Finding } from "./findings";

export { EXCELLENT, AFFIRMATIVE } from "./critic-text";
export { PERFECT_SCORE, type Assessment, type Finding, type FindingKind } from "./findings";

export function assessImage(img: Rgba, prompt: string): Assessment {
  const m = measureImage(img);
  // The design prompt may carry the designer's notes: they are part of what is judged.
  const plan = planBrief(prompt);
  const asked = measurableColours(plan);
  const findings: Finding[] = [];
  const present: ColourWord[] = [];

  if (!m.bbox || m.inkFraction < 0.0015) {
    findings.push({ kind: "blank", penalty: PERFECT_SCORE - 0.5 });
    return { prompt, score: m.bbox ? 0.8 : 0.3, findings, measure: m, asked, present, seen: { style: drawnStyle(m), found: [], scenery: [] } };
  }
  if (m.inkFraction < 0.006) findings.push({ kind: "sparse", penalty: 5 });

  const d = Math.hypot(m.offset.dx, m.offset.dy);
  if (m.clipped.length > 0 && !m.fullBleed) {
    findings.push({ kind: "clipped", penalty: 2.6 + 0.4 * (m.clipped.length - 1), edges: m.clipped });
  } else if (m.margin < 0.025 && !m.fullBleed) {
    findings.push({ kind: "tight", penalty: 0.6, edges: nearestEdges(m) });
  }
  if (m.size < 0.55) findings.push({ kind: "small", penalty: Math.min(3.6, (0.55 - m.size) * 12 + 0.6) });
  // A drawing pushed off the edge is off centre too: one slip, said once (as clipped).
  if (d > 0.04 && !findings.some((f) => f.kind === "clipped")) findings.push({ kind: "offcentre", penalty: Math.min(3, (d - 0.04) * 14 + 0.5) });

  let missing = 0;
  for (const colour of asked) {
    const share = colourShare(m, colour.accepts);
    if (share < 0.012) {
      findings.push({ kind: "colour-missing", penalty: missing === 0 ? 2.4 : 1.6, colour, share });
      missing += 1;
    } else if (share < 0.05) {
      findings.push({ kind: "colour-weak", penalty: 0.9, colour, share });
    } else {
      present.push(colour);
    }
  }

  // A colour missing overall is missing from its subject too: checkPrompt counts it mostly once.
  const missingColours = new Set(findings.flatMap((f) => (f.kind === "colour-missing" && f.colour ? [f.colour.name] : [])));
  const checked = checkPrompt(img, m, plan, missingColours);
  findings.push(...checked.findings);

  // Small deductions a careful critic still makes on an otherwise clean drawing.
  const polish: string[] = [];
  if (!findings.some((f) => f.kind === "small") && (m.size < 0.66 || m.size > 0.9)) polish.push("proportion");
  if (d > 0.015 && d <= 0.04) polish.push("balance");
  if (m.inkFraction > 0.55) polish.push("heavy");
  if (m.inkFraction < 0.04 && !findings.some((f) => f.kind === "sparse")) polish.push("delicate");
  for (const note of polish) findings.push({ kind: "polish", penalty: 0.1, note });

  return { prompt, score: round1(PERFECT_SCORE - deduction(findings), 0.5, PERFECT_SCORE), findings, measure: m, asked, present, seen: checked.seen };
}

/** How the drawing is laid on the canvas (size, place, edges), not what it shows. */
const LAYOUT: ReadonlySet<Finding["kind"]> = new Set(["clipped", "tight", "small", "offcentre"]);
/** At most this much is taken off for layout, however many layout flaws compound. */
const LAYOUT_CAP = 4.2;

/**
 * The points a drawing loses. What it shows against the prompt (subjects, colours, scenery,
 * style) counts in full; layout flaws add up with diminishing weight, towards LAYOUT_CAP, so a
 * clipped, off-centre drawing of the right thing still scores above a well-placed drawing of
 * something else: the score tells a prompt's drawing from another prompt's first.
 */
export function deduction(findings: readonly Finding[]): number {
  let layout = 0,
    rest = 0;
  for (const f of findings) {
    if (LAYOUT.has(f.kind)) layout += f.penalty;
    else rest += f.penalty;
  }
  return rest + LAYOUT_CAP * (1 - Math.exp(-layout / LAYOUT_CAP));
}

function nearestEdges(m: ImageMeasure): Edge[] {
  if (!m.bbox) return [];
  const gaps: [Edge, number][] = [
    ["top", m.bbox.y0],
    ["right", 1 - m.bbox.x1],
    ["bottom", 1 - m.bbox.y1],
    ["left", m.bbox.x0],
  ];
  return gaps.filter(([, g]) => g < 0.025).map(([e]) => e);
}

export interface CritiqueAnswer {
  score: number;
  critique: string;
  suggestions: string;
}

export function critiqueFromAssessment(a: Assessment): CritiqueAnswer {
  return { score: a.score, critique: critiqueText(a), suggestions: suggestionText(a) };
}

/** The critic's full answer text, in the model's bare JSON form. */
export function formatCritique(answer: CritiqueAnswer): string {
  const score = Number.isInteger(answer.score) ? answer.score.toFixed(1) : String(answer.score);
  return `{\n  "score": ${score},\n  "critique": ${JSON.stringify(answer.critique)},\n  "suggestions": ${JSON.stringify(answer.suggestions)}\n}`;
}

export function critiqueImage(img: Rgba, prompt: string): { text: string; assessment: Assessment } {
  const assessment = assessImage(img, prompt);
  return { text: formatCritique(critiqueFromAssessment(assessment)), assessment };
}
