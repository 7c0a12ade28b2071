"use client";

import { useEffect, useId, useRef, useState } from "react";
import { LIMITS } from "@/lib/http/limits";
import { droppedFileKind } from "@/lib/clients/dropped-file";
import { useStudioStore } from "./studio-store-provider";

/** A file's text, refusing at once one far over the SVG limit (readSvgImport checks the exact size). */
export async function readSvgFile(file: File): Promise<string> {
  if (file.size > LIMITS.svgBytes * 2) return " ".repeat(LIMITS.svgBytes + 1);
  return file.text();
}

/** The file input labelled "Import SVG": the designer's own drawing as round 1. */
export function ImportSvgInput({ onFile }: { onFile: (name: string, text: string) => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className="inline-flex items-center">
      <label
        htmlFor={id}
        className="cursor-pointer rounded-full border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 focus-within:ring-2 focus-within:ring-indigo-600 hover:border-indigo-400 hover:text-indigo-700"
      >
        Import SVG
        <input
          ref={input}
          id={id}
          type="file"
          accept=".svg,image/svg+xml"
          className="sr-only"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            onFile(file.name, await readSvgFile(file));
            // The same file chosen again is a change again.
            if (input.current) input.current.value = "";
          }}
        />
      </label>
    </span>
  );
}

/**
 * Dropping an .svg file anywhere on the studio imports it (the prompt panel takes it from the
 * store: it knows the prompt). While a file is dragged over the page, a hint says what a drop does.
 */
export function SvgDropZone() {
  const dropSvg = useStudioStore((s) => s.dropSvg);
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFile = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");
    const onEnter = (e: DragEvent) => {
      if (!hasFile(e)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFile(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      if (hasFile(e)) e.preventDefault();
    };
    const onDrop = async (e: DragEvent) => {
      depth = 0;
      setDragging(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      const file = files.find((f) => droppedFileKind(f) === "svg");
      if (!file) {
        // A picture is the Image field's (image-field.tsx). Any other file is no one's: the browser
        // would open it in place of the studio, so it is dropped on the floor instead.
        if (files.length > 0 && !e.defaultPrevented && files.every((f) => droppedFileKind(f) === "other")) e.preventDefault();
        return;
      }
      e.preventDefault();
      dropSvg({ name: file.name, text: await readSvgFile(file) });
    };
    window.addEventListener("dragenter", onEnter);
    window.addEventListener("dragleave", onLeave);
    window.addEventListener("dragover", onOver);
    window.addEventListener("drop", onDrop);
    return () => {
      window.removeEventListener("dragenter", onEnter);
      window.removeEventListener("dragleave", onLeave);
      window.removeEventListener("dragover", onOver);
      window.removeEventListener("drop", onDrop);
    };
  }, [dropSvg]);
  if (!dragging) return null;
  return (
    <div aria-hidden className="pointer-events-none fixed inset-0 z-40 flex items-center justify-center bg-indigo-900/20">
      <p className="rounded-lg bg-white px-4 py-3 text-sm font-medium text-indigo-900 shadow-lg">
        Drop an .svg to start from your drawing, or a PNG, JPEG or WebP to turn it into an SVG
      </p>
    </div>
  );
}
