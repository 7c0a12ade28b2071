"use client";

import { useEffect, useMemo, useState } from "react";
import { svgImageUrlSoon } from "@/lib/svg/sanitize-in-browser";

export interface SvgImage {
  /** A data URL of the sanitized SVG for an <img>, or null when there is nothing to show. */
  url: string | null;
  /** A big SVG is being sanitized a slice at a time (lib/svg/sanitize-in-browser.ts). */
  preparing: boolean;
}

/**
 * What an <img> shows for an untrusted SVG document: validated, then sanitized (at once when
 * small; when big, in tasks of their own, lib/svg/sanitize-in-browser.ts). While `streaming`, a
 * frame that does not parse (or is still being prepared) keeps the last good one; a finished
 * document that does not parse shows nothing rather than an older picture.
 */
export function useSvgImage(svg: string | null, streaming: boolean): SvgImage {
  const soon = useMemo(() => (svg === null ? null : svgImageUrlSoon(svg)), [svg]);
  const [settled, setSettled] = useState<{ soon: Promise<string | null>; url: string | null } | null>(null);
  useEffect(() => {
    if (!(soon instanceof Promise)) return;
    let live = true;
    soon.then(
      (url) => live && setSettled({ soon, url }),
      () => live && setSettled({ soon, url: null }), // a sanitizer failure shows no picture, as a document that does not parse
    );
    return () => {
      live = false;
    };
  }, [soon]);
  const pending = soon instanceof Promise && settled?.soon !== soon;
  const frame = soon instanceof Promise ? (pending ? null : settled!.url) : soon;
  const [lastGood, setLastGood] = useState<string | null>(null);
  if (frame && frame !== lastGood) setLastGood(frame);
  return { url: frame ?? (streaming ? lastGood : null), preparing: pending };
}
