/**
 * A session as a ZIP: the JSON export plus, per round, its SVG and the PNG the critic saw.
 */
import { strToU8, zipSync } from "fflate";
import type { SessionExport } from "../contract/session-contract";
import { sanitizeSvgInNode } from "../svg/sanitize-in-node";

function pngBytes(dataUrl: string): Uint8Array {
  return Uint8Array.from(Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64"));
}

export function sessionZip(data: SessionExport, json: string): Uint8Array {
  const files: Record<string, Uint8Array> = { "session.json": strToU8(json) };
  for (const round of data.rounds) {
    const n = String(round.index).padStart(2, "0");
    // Files opened from disk run their scripts: the ZIP's SVGs are sanitized like downloads.
    if (round.svg) files[`round-${n}-${round.kind}.svg`] = strToU8(sanitizeSvgInNode(round.svg));
    if (round.png) files[`round-${n}-critic.png`] = pngBytes(round.png);
  }
  for (const candidate of data.candidates ?? []) {
    const stem = `candidate-${candidate.candidate}`;
    if (candidate.svg && !candidate.truncated) files[`${stem}.svg`] = strToU8(sanitizeSvgInNode(candidate.svg));
    if (candidate.png) files[`${stem}-critic.png`] = pngBytes(candidate.png);
  }
  return zipSync(files, { level: 6 });
}
