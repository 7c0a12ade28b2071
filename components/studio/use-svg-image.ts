"use client";

import { useEffect, useMemo, useState } from "react";
import { svgImageUrlSoon } from "@/lib/svg/sanitize-in-browser";
import { validateSvg } from "@/lib/svg/validate-svg";

export interface SvgImage {
  /** A data URL of the sanitized SVG for an <img>, or null when there is nothing to show. */
  url: string | null;
  /** A big SVG is being sanitized a slice at a time (lib/svg/sanitize-in-browser.ts). */
  preparing: boolean;
}

/**
 * What an <img> shows for an untrusted SVG document: validated, then sanitized (at once when
 * small, in slices when big). While `streaming`, a frame that does not parse (or is still being
 * prepared) keeps the last good one; a finished document that does not parse shows nothing
 * rather than an older picture.
 */
export function useSvgImage(svg: string | null, streaming: boolean): SvgImage {
  const valid = useMemo(() => (svg && validateSvg(svg).ok ? svg : null), [svg]);
  const soon = useMemo(() => (valid === null ? null : svgImageUrlSoon(valid)), [valid]);
  const [settled, setSettled] = useState<{ svg: string; url: string } | null>(null);
  useEffect(() => {
    if (valid === null || !(soon instanceof Promise)) return;
    let live = true;
    soon.then(
      (url) => live && setSettled({ svg: valid, url }),
      () => undefined, // a sanitizer failure shows no picture, as a document that does not parse
    );
    return () => {
      live = false;
    };
  }, [valid, soon]);
  const frame = typeof soon === "string" ? soon : settled?.svg === valid ? settled.url : null;
  const [lastGood, setLastGood] = useState<string | null>(null);
  if (frame && frame !== lastGood) setLastGood(frame);
  return { url: frame ?? (streaming ? lastGood : null), preparing: soon instanceof Promise && frame === null };
}
