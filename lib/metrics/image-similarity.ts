/**
 * SArena's two pixel metrics for image-to-SVG, exactly as its evaluation computes them
 * (hmwang2002/InternSVG `metrics/SSIM.py`, `metrics/PSNR.py`): both images 448×448 RGB on white,
 *
 *   SSIM  skimage.metrics.structural_similarity(a, b, win_size=11, channel_axis=-1, data_range=255)
 *   PSNR  skimage.metrics.peak_signal_noise_ratio(a, b, data_range=255), an infinite value → 100
 *
 * scikit-image's SSIM with those arguments: per channel, local means, variances and covariance
 * over an 11×11 uniform window (scipy's uniform_filter), the sample covariance (× N/(N−1),
 * N = 121), K1 = 0.01, K2 = 0.03, the SSIM map cropped by (11−1)/2 = 5 pixels on every side and
 * averaged; then the mean over the three channels. The crop keeps only windows that lie wholly
 * inside the image, so uniform_filter's border mode never matters, and the window sums come from
 * summed-area tables of integers (exact in float64: at most 255²·448² ≈ 1.3·10¹⁰), so the result
 * agrees with scikit-image to rounding. Pure: no Node, no DOM; the studio, the batch and the
 * benchmark call the same functions.
 */

/** An opaque image, row-major, 3 bytes (R, G, B) a pixel. */
export type RgbImage = { width: number; height: number; data: Uint8Array };

/** The side SArena draws both images at before measuring them. */
export const SARENA_SIDE = 448;

/** What SArena reports for a PSNR of two identical images (scikit-image says infinity). */
export const PSNR_IDENTICAL = 100;

const WIN_SIZE = 11;
const DATA_RANGE = 255;
const K1 = 0.01;
const K2 = 0.03;

function checkPair(a: RgbImage, b: RgbImage, name: string): void {
  for (const [label, image] of [
    ["first", a],
    ["second", b],
  ] as const) {
    if (!Number.isInteger(image.width) || !Number.isInteger(image.height) || image.width < 1 || image.height < 1) {
      throw new RangeError(`${name}: the ${label} image's size must be positive whole numbers, got ${image.width}×${image.height}.`);
    }
    if (image.data.length !== image.width * image.height * 3) {
      throw new RangeError(
        `${name}: the ${label} image must hold ${image.width}×${image.height} RGB pixels (${image.width * image.height * 3} bytes), got ${image.data.length}.`,
      );
    }
  }
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`${name}: the images must be the same size, got ${a.width}×${a.height} and ${b.width}×${b.height}.`);
  }
}

/**
 * Summed-area table of f(x, y) over one channel: (width+1)×(height+1), zero first row and column,
 * so a window's sum is four look-ups.
 */
function integral(width: number, height: number, value: (index: number) => number): Float64Array {
  const stride = width + 1;
  const table = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += value(y * width + x);
      table[(y + 1) * stride + x + 1] = table[y * stride + x + 1] + row;
    }
  }
  return table;
}

function channelSsim(a: Uint8Array, b: Uint8Array, width: number, height: number, channel: number): number {
  const at = (data: Uint8Array) => (i: number) => data[i * 3 + channel];
  const x = at(a);
  const y = at(b);
  const sx = integral(width, height, x);
  const sy = integral(width, height, y);
  const sxx = integral(width, height, (i) => x(i) * x(i));
  const syy = integral(width, height, (i) => y(i) * y(i));
  const sxy = integral(width, height, (i) => x(i) * y(i));
  const stride = width + 1;
  const n = WIN_SIZE * WIN_SIZE;
  const covNorm = n / (n - 1);
  const c1 = (K1 * DATA_RANGE) ** 2;
  const c2 = (K2 * DATA_RANGE) ** 2;
  const pad = (WIN_SIZE - 1) / 2;
  let total = 0;
  let count = 0;
  // Window centred on (cx, cy) covers cx−pad … cx+pad; only centres whose window fits are kept.
  for (let cy = pad; cy < height - pad; cy++) {
    const top = (cy - pad) * stride;
    const bottom = (cy + pad + 1) * stride;
    for (let cx = pad; cx < width - pad; cx++) {
      const left = cx - pad;
      const right = cx + pad + 1;
      const sum = (t: Float64Array) => t[bottom + right] - t[top + right] - t[bottom + left] + t[top + left];
      const ux = sum(sx) / n;
      const uy = sum(sy) / n;
      const uxx = sum(sxx) / n;
      const uyy = sum(syy) / n;
      const uxy = sum(sxy) / n;
      const vx = covNorm * (uxx - ux * ux);
      const vy = covNorm * (uyy - uy * uy);
      const vxy = covNorm * (uxy - ux * uy);
      const a1 = 2 * ux * uy + c1;
      const a2 = 2 * vxy + c2;
      const b1 = ux * ux + uy * uy + c1;
      const b2 = vx + vy + c2;
      total += (a1 * a2) / (b1 * b2);
      count++;
    }
  }
  return total / count;
}

/**
 * Mean structural similarity of two RGB images of the same size, as scikit-image's
 * `structural_similarity(a, b, win_size=11, channel_axis=-1, data_range=255)`: 1 for identical
 * images, lower (down to −1) the less alike. Both sides must be at least 11 pixels (scikit-image
 * refuses smaller images too).
 */
export function ssim(a: RgbImage, b: RgbImage): number {
  checkPair(a, b, "ssim");
  if (a.width < WIN_SIZE || a.height < WIN_SIZE) {
    throw new RangeError(`ssim: the images must be at least ${WIN_SIZE}×${WIN_SIZE} pixels, got ${a.width}×${a.height}.`);
  }
  let sum = 0;
  for (let channel = 0; channel < 3; channel++) sum += channelSsim(a.data, b.data, a.width, a.height, channel);
  return sum / 3;
}

/**
 * Peak signal-to-noise ratio in dB, as scikit-image's `peak_signal_noise_ratio(a, b,
 * data_range=255)` (the mean squared error over every channel of every pixel), with SArena's
 * rule that identical images (an infinite ratio) score 100.
 */
export function psnr(a: RgbImage, b: RgbImage): number {
  checkPair(a, b, "psnr");
  let squared = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = a.data[i] - b.data[i];
    squared += d * d;
  }
  if (squared === 0) return PSNR_IDENTICAL;
  const mse = squared / a.data.length;
  return 10 * Math.log10((DATA_RANGE * DATA_RANGE) / mse);
}

/**
 * Straight (not premultiplied) RGBA, as a canvas's ImageData or a PNG decoder gives it,
 * composited over white and rounded: what "on white" means for a picture with transparency.
 */
export function rgbaOnWhite(rgba: ArrayLike<number>, width: number, height: number): RgbImage {
  const total = width * height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`rgbaOnWhite: the size must be positive whole numbers, got ${width}×${height}.`);
  }
  if (rgba.length !== total * 4) {
    throw new RangeError(`rgbaOnWhite: expected ${width}×${height} RGBA pixels (${total * 4} values), got ${rgba.length}.`);
  }
  const data = new Uint8Array(total * 3);
  for (let p = 0, q = 0; p < total * 4; p += 4, q += 3) {
    const alpha = rgba[p + 3];
    for (let c = 0; c < 3; c++) data[q + c] = Math.round((rgba[p + c] * alpha + 255 * (255 - alpha)) / 255);
  }
  return { width, height, data };
}

/** SArena's score for an SVG that is missing or cannot be drawn: a pure black image. */
export function blackImage(width: number = SARENA_SIDE, height: number = SARENA_SIDE): RgbImage {
  return { width, height, data: new Uint8Array(width * height * 3) };
}

/** Both metrics of one pair. */
export interface ImageMatch {
  ssim: number;
  psnr: number;
}

export function imageMatch(a: RgbImage, b: RgbImage): ImageMatch {
  return { ssim: ssim(a, b), psnr: psnr(a, b) };
}

/** "SSIM 0.912 · PSNR 21.4 dB", as the studio and the batch page show a round's match. */
export function formatImageMatch(match: ImageMatch): string {
  return `SSIM ${match.ssim.toFixed(3)} · PSNR ${match.psnr.toFixed(1)} dB`;
}
