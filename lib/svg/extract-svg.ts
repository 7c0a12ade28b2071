/**
 * The extraction rule used across the field (see introsvg-loop.md): strip code fences and
 * prose, take from the first `<svg` to the LAST `</svg>` (a shortest match would cut nested
 * `<svg>`s). No closing tag, or a generation that stopped on the token limit, is truncation:
 * reported, never passed on silently.
 */
export type SvgExtraction =
  { status: "ok"; svg: string } | { status: "truncated"; svg: string; reason: "length" | "unclosed" } | { status: "missing"; reason: string };

const OPEN = /<svg[\s>/]/i;
const CLOSE = "</svg>";

export function extractSvg(text: string, finishReason?: string | null): SvgExtraction {
  const open = OPEN.exec(text);
  if (!open) {
    return {
      status: "missing",
      reason: finishReason === "length" ? "The output hit the token limit before any <svg> began." : "The output contains no <svg> element.",
    };
  }
  const start = open.index;
  const end = text.toLowerCase().lastIndexOf(CLOSE);
  if (end < start) {
    return { status: "truncated", svg: stripTrailingFence(text.slice(start)), reason: finishReason === "length" ? "length" : "unclosed" };
  }
  const svg = text.slice(start, end + CLOSE.length);
  if (finishReason === "length") return { status: "truncated", svg, reason: "length" };
  return { status: "ok", svg };
}

function stripTrailingFence(s: string): string {
  return s.replace(/\s*```\s*$/, "");
}

export function describeTruncation(reason: "length" | "unclosed"): string {
  return reason === "length"
    ? 'Truncated: the model hit its token limit (finish_reason "length") before closing the SVG.'
    : "Truncated: the SVG has no closing </svg> tag.";
}
