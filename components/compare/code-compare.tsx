"use client";

import { useId, useMemo, useState } from "react";
import { describeSvgChanges, summarizeSvgChanges } from "@/lib/svg/svg-change-summary";
import { formatSvgForDiff } from "@/lib/svg/svg-diff-format";
import { LazySvgDiffView } from "../editor/lazy-monaco";
import { useThrottledValue } from "../studio/use-throttled-value";
import { FOCUS_RING, sideName, type CompareSide } from "./compare-types";

/** The code a side is diffed on: its SVG, or while it streams (or was cut off) the model's text so far. */
function codeOf(side: CompareSide): string {
  return side.round.svg ?? side.round.modelText;
}

/**
 * A readable code diff: both sides pretty-printed by the same formatter (one element a line,
 * attributes in a stable order), word-wrapped, with a one-line summary of what changed. "Raw"
 * shows the code exactly as the model wrote it.
 */
export function CodeCompare({ left, right }: { left: CompareSide; right: CompareSide }) {
  const [raw, setRaw] = useState(false);
  const ids = { heading: useId(), raw: useId(), summary: useId() };
  // A streaming side changes with every token: the diff and summary follow a few times a second.
  const leftCode = useThrottledValue(codeOf(left), left.streaming ? 300 : 0);
  const rightCode = useThrottledValue(codeOf(right), right.streaming ? 300 : 0);
  const leftRaw = useThrottledValue(left.round.modelText, left.streaming ? 300 : 0);
  const rightRaw = useThrottledValue(right.round.modelText, right.streaming ? 300 : 0);

  const formatted = useMemo(() => ({ left: formatSvgForDiff(leftCode), right: formatSvgForDiff(rightCode) }), [leftCode, rightCode]);
  const names = { left: sideName(left), right: sideName(right) };
  const summary = useMemo(
    () => describeSvgChanges(summarizeSvgChanges(leftCode, rightCode), { left: names.left, right: names.right }),
    [leftCode, rightCode, names.left, names.right],
  );
  const notCanonical = [!formatted.left.canonical ? names.left : null, !formatted.right.canonical ? names.right : null].filter(Boolean);

  return (
    <section aria-labelledby={ids.heading} aria-describedby={ids.summary} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={ids.heading} className="text-sm font-semibold text-slate-900">
          Code diff
        </h3>
        <p id={ids.summary} className="min-w-0 flex-1 text-sm text-slate-900" data-testid="change-summary">
          <span className="font-medium">
            {capitalise(names.left)} → {names.right}:
          </span>{" "}
          {summary}
        </p>
        <label htmlFor={ids.raw} className="flex items-center gap-1.5 text-sm text-slate-900" title="Show the code exactly as the model wrote it">
          <input id={ids.raw} type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} className={`h-4 w-4 accent-indigo-700 ${FOCUS_RING}`} />
          Raw
        </label>
      </div>
      <p className="text-xs text-slate-700">
        {raw
          ? "Raw: the code exactly as the model wrote it."
          : "Formatted the same way on both sides: one element a line, attributes in a stable order (xmlns, id, then by name)."}
        {!raw && notCanonical.length > 0 && ` The SVG of ${notCanonical.join(" and ")} is not well-formed: it is only split between its tags.`}
      </p>
      <div className="h-96 overflow-hidden rounded border border-slate-300">
        <LazySvgDiffView
          original={raw ? leftRaw : formatted.left.text}
          modified={raw ? rightRaw : formatted.right.text}
          originalAriaLabel="Left SVG code"
          modifiedAriaLabel="Right SVG code"
        />
      </div>
    </section>
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
