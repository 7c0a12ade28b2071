/**
 * Pixel difference of two images of the same size (RGBA, row-major, as a canvas's ImageData
 * holds them), for comparing the two 200×200 PNGs the critic saw. A pixel counts as changed when
 * any colour channel, after compositing both pixels over white, differs by more than
 * `tolerance` (out of 255). Pure: the browser decodes the PNGs and draws the result.
 *
 * The highlight image shows changed pixels in a strong colour over a faint grey ghost of the
 * right-hand image, so one sees where the change is and what it belongs to.
 */
export interface PixelDiff {
  width: number;
  height: number;
  changed: number;
  total: number;
  /** changed / total, 0..1. */
  share: number;
  /** RGBA, opaque, width × height. */
  image: Uint8ClampedArray;
}

export interface PixelDiffOptions {
  /** Largest per-channel difference (0–255) that still counts as the same pixel. */
  tolerance?: number;
  /** The colour of changed pixels, [r, g, b]. */
  highlight?: readonly [number, number, number];
  /** How much of the right image's grey shows under unchanged pixels, 0–1. */
  ghost?: number;
}

export const DEFAULT_TOLERANCE = 16;
const HIGHLIGHT: readonly [number, number, number] = [219, 39, 119]; // pink-600: reads on white and on grey

/** A channel composited over white. */
function overWhite(value: number, alpha: number): number {
  return (value * alpha + 255 * (255 - alpha)) / 255;
}

export function diffPixels(
  left: ArrayLike<number>,
  right: ArrayLike<number>,
  width: number,
  height: number,
  { tolerance = DEFAULT_TOLERANCE, highlight = HIGHLIGHT, ghost = 0.25 }: PixelDiffOptions = {},
): PixelDiff {
  const total = width * height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`diffPixels: the size must be positive whole numbers, got ${width}×${height}.`);
  }
  if (left.length !== total * 4 || right.length !== total * 4) {
    throw new RangeError(`diffPixels: both images must hold ${width}×${height} RGBA pixels (${total * 4} values); got ${left.length} and ${right.length}.`);
  }
  const image = new Uint8ClampedArray(total * 4);
  let changed = 0;
  for (let p = 0; p < total * 4; p += 4) {
    const la = left[p + 3];
    const ra = right[p + 3];
    let delta = 0;
    for (let c = 0; c < 3; c++) delta = Math.max(delta, Math.abs(overWhite(left[p + c], la) - overWhite(right[p + c], ra)));
    if (delta > tolerance) {
      changed++;
      image[p] = highlight[0];
      image[p + 1] = highlight[1];
      image[p + 2] = highlight[2];
    } else {
      const grey = 0.299 * overWhite(right[p], ra) + 0.587 * overWhite(right[p + 1], ra) + 0.114 * overWhite(right[p + 2], ra);
      const shown = 255 - (255 - grey) * ghost;
      image[p] = shown;
      image[p + 1] = shown;
      image[p + 2] = shown;
    }
    image[p + 3] = 255;
  }
  return { width, height, changed, total, share: changed / total, image };
}

/** "12.3%", "0%", "100%"; a share that is not zero never reads as 0% ("<0.1%"), nor a partial one as 100%. */
export function formatChangedShare(share: number): string {
  if (share <= 0) return "0%";
  if (share >= 1) return "100%";
  const percent = share * 100;
  if (percent < 0.1) return "<0.1%";
  if (percent > 99.9) return ">99.9%";
  return `${Number(percent.toFixed(1))}%`;
}
