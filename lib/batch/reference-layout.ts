/**
 * IntroSVG's batch output layout (inference_loop.py), as a pure mapping from one item's rounds
 * to files, so the CLI's folder and the page's ZIP are the same bytes:
 *
 *   final_svgs/{id}.svg                                   the best-scoring round's SVG
 *   final_svgs/{id}.json                                  its critique, json.dump(…, indent=4)
 *   final_pngs/{id}.png                                   its PNG (200×200 on white, as the critic saw it)
 *   intermediate_files/00_initial_drafts/{id}.svg         round 1, the draft
 *   intermediate_files/NN_iteration/critique_pngs/{id}.png
 *   intermediate_files/NN_iteration/refined_svgs/{id}.svg
 *
 * The reference's iteration NN renders the current SVG, has the critic score that image and
 * refines from the critique. Here: iteration NN is the critique of round NN followed by the
 * refinement that became round NN+1, so `NN_iteration/critique_pngs` holds round NN's PNG (the
 * exact image the critic was sent) and `NN_iteration/refined_svgs` round NN+1's SVG. The last
 * round's render and critique are the reference's final render and final critique, not an
 * iteration: a reference-mode item has iterations 01–03 and four rounds, like the script; a
 * paper-mode item that reached the threshold early has fewer. (A hand-edit round made later in
 * the studio takes the place of the refinement at its position.)
 *
 * A profile with no critic (a single pass) scores nothing: its finished round is the final one,
 * with `"score": null`.
 *
 * Better than the reference, as the studio promises: the final files are the best round's, not
 * the last one's, and the JSON names that round (`"round"`, after the critic's three keys); SVGs
 * are the extracted `<svg>…</svg>`, not the raw answer; a round with no usable SVG (no `<svg>`,
 * cut off) writes no SVG file rather than a broken one.
 */
import { selectBestRound } from "../loop/loop-selectors";
import type { Round } from "../loop/loop-types";

export interface LayoutFile {
  /** Relative path with forward slashes. */
  path: string;
  data: string | Uint8Array;
}

export const LAYOUT_DIRS = {
  finalSvgs: "final_svgs",
  finalPngs: "final_pngs",
  drafts: "intermediate_files/00_initial_drafts",
  iteration: (n: number) => `intermediate_files/${String(n).padStart(2, "0")}_iteration`,
} as const;

/** The bytes of a PNG data URL. */
export function pngBytes(dataUrl: string): Uint8Array {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64");
}

/** JSON as Python's `json.dump(obj, f, indent=4)` writes it: non-ASCII escaped as \uXXXX. */
export function pythonJson(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function usableSvg(round: Round | undefined): string | null {
  return round?.svg && round.truncated === null ? round.svg : null;
}

/** The files of one item in the reference layout; an item with no rounds has none. */
export function referenceLayoutFiles(id: string, rounds: readonly Round[]): LayoutFile[] {
  const files: LayoutFile[] = [];
  const draft = usableSvg(rounds[0]);
  if (draft) files.push({ path: `${LAYOUT_DIRS.drafts}/${id}.svg`, data: draft });
  for (let n = 1; n < rounds.length; n++) {
    const critiqued = rounds[n - 1];
    const dir = LAYOUT_DIRS.iteration(n);
    if (critiqued.png) files.push({ path: `${dir}/critique_pngs/${id}.png`, data: pngBytes(critiqued.png) });
    const refined = usableSvg(rounds[n]);
    if (refined) files.push({ path: `${dir}/refined_svgs/${id}.svg`, data: refined });
  }
  const best = selectBestRound({ rounds: [...rounds] });
  if (best?.critique && best.svg && best.png) {
    const { score, critique, suggestions } = best.critique;
    files.push({ path: `${LAYOUT_DIRS.finalSvgs}/${id}.svg`, data: best.svg });
    files.push({ path: `${LAYOUT_DIRS.finalSvgs}/${id}.json`, data: pythonJson({ score, critique, suggestions, round: best.index }) });
    files.push({ path: `${LAYOUT_DIRS.finalPngs}/${id}.png`, data: pngBytes(best.png) });
  } else if (!rounds.some((r) => r.critique)) {
    // A profile with no critic (a single pass): nothing is scored, and the finished round is the result.
    const last = rounds.findLast((r) => r.phase === "done" && usableSvg(r) && r.png);
    if (last?.svg && last.png) {
      files.push({ path: `${LAYOUT_DIRS.finalSvgs}/${id}.svg`, data: last.svg });
      files.push({ path: `${LAYOUT_DIRS.finalSvgs}/${id}.json`, data: pythonJson({ score: null, critique: "", suggestions: "", round: last.index }) });
      files.push({ path: `${LAYOUT_DIRS.finalPngs}/${id}.png`, data: pngBytes(last.png) });
    }
  }
  return files;
}
