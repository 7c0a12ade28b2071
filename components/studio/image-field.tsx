"use client";

import { useEffect, useId, useRef, useState, type DragEvent as ReactDragEvent } from "react";
import { pictureFromFile } from "@/lib/clients/target-picture";
import { droppedFileKind } from "@/lib/clients/dropped-file";
import { PICTURE_MIME_TYPES } from "@/lib/http/image-header";
import type { TargetImage } from "@/lib/loop/loop-types";

interface ImageFieldProps {
  target: TargetImage | undefined;
  onChange: (target: TargetImage | undefined) => void;
  /** The selected profile's generator takes the picture; else it draws from the prompt and the picture is only the target. */
  takesImage: boolean;
  profileLabel: string;
  disabled?: boolean;
  /** An .svg given here (chosen, dropped on the field): not a picture to vectorize but a drawing to import. */
  onSvgFile?: (file: File) => void;
}

const ACCEPT = Object.values(PICTURE_MIME_TYPES).join(",");

/**
 * The "Image" input: a PNG, JPEG or WebP to vectorize, chosen, dropped (onto the field or
 * anywhere on the page) or pasted. Refused files say why (nothing is started); an accepted one is
 * scaled in the browser and becomes the session's target, shown here and measured against every
 * round. An .svg is never a target: it goes to `onSvgFile` (Import SVG) when given here, and a
 * dropped or pasted one is left to the import (svg-import.tsx, the prompt box).
 */
export function ImageField({ target, onChange, takesImage, profileLabel, disabled = false, onSvgFile }: ImageFieldProps) {
  const id = useId();
  const hint = useId();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [over, setOver] = useState(false);

  const take = async (file: File | undefined) => {
    if (!file || disabled) return;
    if (droppedFileKind(file) === "svg" && onSvgFile) {
      setError(null);
      if (input.current) input.current.value = "";
      onSvgFile(file);
      return;
    }
    setReading(true);
    const result = await pictureFromFile(file);
    setReading(false);
    if (result.ok) {
      setError(null);
      onChange(result.target);
    } else {
      setError(result.message);
    }
    if (input.current) input.current.value = "";
  };

  // A picture pasted or dropped anywhere on the page becomes the target; an SVG (pasted into the
  // prompt box, dropped anywhere) is an import, which svg-import.tsx and the prompt box handle.
  const takeRef = useRef(take);
  useEffect(() => {
    takeRef.current = take;
  });
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (event.defaultPrevented) return; // The prompt box took it (SVG code or an .svg file).
      const file = [...(event.clipboardData?.files ?? [])].find((f) => droppedFileKind(f) !== "svg");
      if (!file) return;
      event.preventDefault();
      void takeRef.current(file);
    };
    const onDrop = (event: DragEvent) => {
      if (event.defaultPrevented) return; // The field's own zone took it.
      const files = [...(event.dataTransfer?.files ?? [])];
      // An .svg among the files is an import (svg-import.tsx), not a target.
      if (files.some((file) => droppedFileKind(file) === "svg")) return;
      const file = files.find((f) => droppedFileKind(f) === "picture");
      if (!file) return;
      event.preventDefault();
      void takeRef.current(file);
    };
    document.addEventListener("paste", onPaste);
    window.addEventListener("drop", onDrop);
    return () => {
      document.removeEventListener("paste", onPaste);
      window.removeEventListener("drop", onDrop);
    };
  }, []);

  // A file dropped on the field itself is taken (or refused, saying why), but for an .svg: that
  // goes on to the page's import (svg-import.tsx).
  const onDrop = (event: ReactDragEvent) => {
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length === 0 || files.some((file) => droppedFileKind(file) === "svg")) return;
    event.preventDefault();
    void take(files[0]);
  };

  return (
    <div
      className={`flex flex-wrap items-center gap-2 rounded-md border border-dashed px-2 py-1.5 ${over ? "border-indigo-500 bg-indigo-50" : "border-slate-300"}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="image-drop-zone"
    >
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        Image
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        accept={ACCEPT}
        disabled={disabled}
        aria-describedby={hint}
        onChange={(e) => void take(e.target.files?.[0])}
        className="max-w-[15rem] text-xs file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-0.5 file:text-xs"
      />
      {target && (
        <span className="flex items-center gap-2">
          {/* The picture is the browser's own PNG of the file: shown as an image, never as markup. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={target.png}
            alt={`Target: ${target.name}`}
            width={40}
            height={40}
            className="h-10 w-10 rounded border border-slate-200 bg-white object-contain"
          />
          <span className="text-xs text-slate-700">
            {target.name} · {target.width}×{target.height}
          </span>
          <button
            type="button"
            onClick={() => onChange(undefined)}
            disabled={disabled}
            className="rounded border border-slate-300 bg-white px-1.5 text-xs text-slate-800 hover:bg-slate-100"
          >
            Remove image
          </button>
        </span>
      )}
      <p id={hint} className="w-full text-[11px] leading-tight text-slate-600">
        {reading
          ? "Reading the image…"
          : target
            ? takesImage
              ? `${profileLabel} draws from the image; every round shows its match with it (SSIM, PSNR).`
              : `${profileLabel} takes text only: it draws from the prompt, and every round is measured against the image.`
            : "PNG, JPEG or WebP up to 10 MB and 2048×2048: choose, drop or paste one to turn it into an SVG (an .svg of your own is imported instead)."}
      </p>
      {error && (
        <p role="alert" className="w-full text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
