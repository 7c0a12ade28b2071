"use client";

import { useId, useRef, useState, type CSSProperties, type PointerEvent as ReactPointerEvent } from "react";
import type { TargetImage } from "@/lib/loop/loop-types";
import { missingCriticImageReason } from "@/lib/loop/round-compare";
import { formatImageMatch } from "@/lib/metrics/image-similarity";
import { DEFAULT_TOLERANCE, formatChangedShare } from "@/lib/raster/pixel-diff";
import { roundName, sentenceRoundName } from "@/lib/loop/round-names";
import { FOCUS_RING, PREVIEW_SIZE, STAGE_SIZE, sideName, type CompareSide, type PreviewBackground, type VisualMode } from "./compare-types";
import { RoundImage } from "./round-image";
import { usePixelDiff } from "./use-pixel-diff";

const backgroundClass = (background: PreviewBackground) => (background === "white" ? "bg-white" : "checkerboard");

/** Side by side: one side's preview, a square as large as the dialog allows (both the same size). */
export function SidePreview({ side, label, background }: { side: CompareSide; label: string; background: PreviewBackground }) {
  return (
    <div
      className={`relative aspect-square overflow-hidden rounded border border-slate-300 ${backgroundClass(background)}`}
      style={{ width: PREVIEW_SIZE }}
      data-testid={`${label.toLowerCase()}-preview-box`}
    >
      <RoundImage
        key={`${side.otherSession?.id ?? ""}:${side.round.id}`}
        round={side.round}
        streaming={side.streaming}
        alt={`${label} preview: ${roundName(side.round)}${side.streaming ? ", streaming" : ""}`}
      />
      {side.streaming && <StreamingBadge />}
    </div>
  );
}

function StreamingBadge() {
  return (
    <span className="absolute left-2 top-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 shadow-sm">
      Streaming<span className="inline-block animate-pulse">…</span>
    </span>
  );
}

/** The modes other than side by side: one square stage with its own controls below. */
export function OverlayCompare({
  mode,
  left,
  right,
  background,
  target,
}: {
  mode: Exclude<VisualMode, "side">;
  left: CompareSide;
  right: CompareSide;
  background: PreviewBackground;
  /** An image session's picture: Difference can put the left round against it. */
  target: TargetImage | null;
}) {
  if (mode === "swipe") return <SwipeView left={left} right={right} background={background} />;
  if (mode === "onion") return <OnionView left={left} right={right} background={background} />;
  return <DifferenceView left={left} right={right} target={target} />;
}

function Layer({ side, alt, background, style }: { side: CompareSide; alt: string; background: PreviewBackground; style?: CSSProperties }) {
  return (
    <div className={`absolute inset-0 ${backgroundClass(background)}`} style={style}>
      <RoundImage key={`${side.otherSession?.id ?? ""}:${side.round.id}`} round={side.round} streaming={side.streaming} alt={alt} />
    </div>
  );
}

function Corner({ side, at }: { side: CompareSide; at: "left" | "right" }) {
  return (
    <span
      aria-hidden
      className={`pointer-events-none absolute top-2 ${at === "left" ? "left-2" : "right-2"} rounded bg-slate-900/80 px-1.5 py-0.5 text-xs font-medium text-white`}
    >
      {sentenceRoundName(side.round)}
      {side.streaming ? " · streaming" : ""}
    </span>
  );
}

function SwipeView({ left, right, background }: { left: CompareSide; right: CompareSide; background: PreviewBackground }) {
  const [position, setPosition] = useState(50);
  const stageRef = useRef<HTMLDivElement>(null);
  const moveTo = (event: ReactPointerEvent<HTMLDivElement>) => {
    const box = stageRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    setPosition(Math.round(Math.min(100, Math.max(0, ((event.clientX - box.left) / box.width) * 100))));
  };
  return (
    <figure className="flex flex-col items-center gap-2">
      {/* Dragging anywhere on the image moves the divider; the slider below does the same from the keyboard. */}
      <div
        ref={stageRef}
        className="relative aspect-square cursor-ew-resize touch-none select-none overflow-hidden rounded border border-slate-300"
        style={{ width: STAGE_SIZE }}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          moveTo(event);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) moveTo(event);
        }}
        data-testid="swipe-stage"
      >
        <Layer side={right} alt={`Swipe, right of the divider: ${sideName(right)}`} background={background} />
        <Layer
          side={left}
          alt={`Swipe, left of the divider: ${sideName(left)}`}
          background={background}
          style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }}
        />
        <div aria-hidden className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 bg-indigo-700" style={{ left: `${position}%` }}>
          <span className="absolute top-1/2 left-1/2 flex h-7 w-7 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full border-2 border-white bg-indigo-700 text-xs text-white shadow">
            ↔
          </span>
        </div>
        <Corner side={left} at="left" />
        <Corner side={right} at="right" />
      </div>
      <figcaption className="flex w-full max-w-md flex-col items-center gap-1 text-sm text-slate-800">
        <PercentSlider
          label="Swipe position"
          value={position}
          valueText={`${position}% ${sideName(left)}, ${100 - position}% ${sideName(right)}`}
          onChange={setPosition}
        />
        <span>
          Left of the divider: {sideName(left)}; right of it: {sideName(right)}. Drag the image or use the slider.
        </span>
      </figcaption>
    </figure>
  );
}

function OnionView({ left, right, background }: { left: CompareSide; right: CompareSide; background: PreviewBackground }) {
  const [opacity, setOpacity] = useState(50);
  return (
    <figure className="flex flex-col items-center gap-2">
      <div className="relative aspect-square overflow-hidden rounded border border-slate-300" style={{ width: STAGE_SIZE }} data-testid="onion-stage">
        <Layer side={left} alt={`Onion skin, underneath: ${sideName(left)}`} background={background} />
        <Layer side={right} alt={`Onion skin, on top at ${opacity}% opacity: ${sideName(right)}`} background={background} style={{ opacity: opacity / 100 }} />
        <Corner side={left} at="left" />
        <Corner side={right} at="right" />
      </div>
      <figcaption className="flex w-full max-w-md flex-col items-center gap-1 text-sm text-slate-800">
        <PercentSlider
          label="Onion skin opacity"
          value={opacity}
          valueText={`${opacity}% of ${sideName(right)} over ${sideName(left)}`}
          onChange={setOpacity}
        />
        <span>
          {sideName(right)} at {opacity}% over {sideName(left)}.
        </span>
      </figcaption>
    </figure>
  );
}

function DifferenceView({ left, right, target }: { left: CompareSide; right: CompareSide; target: TargetImage | null }) {
  const [against, setAgainst] = useState<"round" | "target">("round");
  const withTarget = target !== null && against === "target";
  const diff = usePixelDiff(left.round.png, withTarget ? target.png : right.round.png);
  const reasons = [missingCriticImageReason(left.round, left.streaming), withTarget ? null : missingCriticImageReason(right.round, right.streaming)].filter(
    (reason): reason is string => reason !== null,
  );
  const otherName = withTarget ? "the target image" : sideName(right);
  return (
    <figure className="flex flex-col items-center gap-2">
      {target && (
        <fieldset className="flex flex-wrap items-center gap-3 text-sm text-slate-900">
          <legend className="sr-only">Difference of the left round with</legend>
          <span aria-hidden>{sideName(left)} against:</span>
          {(
            [
              ["round", "Right round"],
              ["target", "Target image"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-1">
              <input
                type="radio"
                name="difference-against"
                checked={against === value}
                onChange={() => setAgainst(value)}
                className={`accent-indigo-700 ${FOCUS_RING}`}
              />
              {label}
            </label>
          ))}
        </fieldset>
      )}
      <div
        className="relative flex aspect-square items-center justify-center overflow-hidden rounded border border-slate-300 bg-white"
        style={{ width: STAGE_SIZE }}
      >
        {reasons.length > 0 ? (
          <div className="p-4 text-center text-sm text-slate-800">
            <p className="font-medium">No difference image yet.</p>
            {reasons.map((reason) => (
              <p key={reason}>{reason}</p>
            ))}
          </div>
        ) : diff.status === "ready" ? (
          // eslint-disable-next-line @next/next/no-img-element -- a PNG data URL drawn from the two critic images
          <img
            src={diff.url}
            alt={`Pixels that differ between ${sideName(left)} and ${otherName}`}
            className="h-full w-full object-contain [image-rendering:pixelated]"
          />
        ) : diff.status === "failed" ? (
          <p role="alert" className="p-4 text-center text-sm text-red-800">
            {diff.message}
          </p>
        ) : (
          <p className="text-sm text-slate-700">{withTarget ? "Comparing with the target image…" : "Comparing the critic images…"}</p>
        )}
      </div>
      <figcaption className="flex max-w-xl flex-col items-center gap-1 text-center text-sm text-slate-800">
        {reasons.length === 0 && diff.status === "ready" && (
          <p className="text-base font-semibold text-slate-900" data-testid="pixels-changed">
            {formatChangedShare(diff.share)} of pixels changed
            <span className="font-normal text-slate-700">
              {" "}
              ({diff.changed.toLocaleString("en")} of {diff.total.toLocaleString("en")})
            </span>
          </p>
        )}
        {withTarget && left.round.match && (
          <p className="tabular-nums text-slate-900" data-testid="difference-match">
            {sideName(left)} against the target: {formatImageMatch(left.round.match)}
          </p>
        )}
        <p>
          <span className="mr-1 inline-block h-3 w-3 translate-y-0.5 rounded-sm bg-pink-600" aria-hidden />
          Pink: pixels that differ by more than {DEFAULT_TOLERANCE}/255 in a colour channel; grey: {otherName} where nothing changed.{" "}
          {withTarget
            ? `Computed from the 200×200 image the critic saw and the target picture fitted into the same square on white.`
            : "Computed from the two 200×200 images the critic saw."}
        </p>
      </figcaption>
    </figure>
  );
}

/** A labelled 0–100 % slider whose value is read out as `valueText`. */
function PercentSlider({ label, value, valueText, onChange }: { label: string; value: number; valueText: string; onChange: (value: number) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={100}
        step={1}
        value={value}
        aria-valuetext={valueText}
        onChange={(e) => onChange(Number(e.target.value))}
        className={`w-full accent-indigo-700 ${FOCUS_RING}`}
      />
    </>
  );
}
