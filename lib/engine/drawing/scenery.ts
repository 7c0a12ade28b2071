/**
 * Scenery painted as a designer lays a picture out: backdrops (a sky with clouds, a sunset with
 * its sun, a night sky with stars, a brick wall) fill a rounded tile behind everything; floors
 * (grass, ground, water, sand, snow) are a band along the bottom that subjects stand on. Plain
 * filled shapes only. `sceneLayout` gives the boxes the subjects go in for each arrangement.
 */
import type { SceneryKind } from "../vocabulary/scene-words";
import { SCENERY_LAYER } from "../vocabulary/scene-words";
import { roundedRectPath, type Box } from "./compose-svg";
import { num } from "./seeded";

/** Top of a floor band, on the 200×200 canvas. */
export const FLOOR_TOP = 148;
const TILE = { x: 8, y: 8, size: 184, r: 26 };

function tile(fill: string): string {
  return `<path fill="${fill}" d="${roundedRectPath(TILE.x, TILE.y, TILE.size, TILE.size, TILE.r)}"/>`;
}

function backdropMarkup(kind: SceneryKind): string {
  switch (kind) {
    case "sky":
      return tile("#90caf9") + cloud(52, 46, 1) + cloud(142, 62, 0.8);
    case "sunset":
      return (
        tile("#ffb74d") +
        `<path fill="#ff8a65" d="M8 84H192V130H8Z"/><path fill="#f06292" d="M8 130H192V166A26 26 0 0 1 166 192H34A26 26 0 0 1 8 166Z"/>` +
        `<path fill="#fdd835" d="M62 130A38 38 0 0 1 138 130Z"/>`
      );
    case "night":
      return (
        tile("#1a237e") +
        [
          [40, 40],
          [150, 34],
          [98, 58],
          [170, 92],
          [30, 104],
          [124, 20],
        ]
          .map(([x, y]) => `<circle cx="${x}" cy="${y}" r="2.6" fill="#fff59d"/>`)
          .join("")
      );
    case "wall": {
      let bricks = "";
      for (let row = 0; row < 8; row++) {
        const y = 8 + row * 23;
        for (let col = -1; col < 5; col++) {
          const x = 8 + col * 46 + (row % 2 ? 23 : 0);
          const x0 = Math.max(8, x + 2),
            x1 = Math.min(192, x + 44);
          if (x1 - x0 < 6) continue;
          bricks += `<path d="M${num(x0)} ${y + 2}H${num(x1)}V${y + 21}H${num(x0)}Z"/>`;
        }
      }
      return tile("#d7ccc8") + `<g fill="#c0584a">${bricks}</g>`;
    }
    default:
      return "";
  }
}

function cloud(cx: number, cy: number, k: number): string {
  const c = (dx: number, dy: number, r: number) => `<circle cx="${num(cx + dx * k)}" cy="${num(cy + dy * k)}" r="${num(r * k)}"/>`;
  return `<g fill="#ffffff">${c(-16, 4, 12)}${c(0, -4, 16)}${c(17, 4, 11)}<path d="M${num(cx - 28 * k)} ${num(cy + 4 * k)}H${num(cx + 28 * k)}V${num(cy + 15 * k)}H${num(cx - 28 * k)}Z"/></g>`;
}

const FLOOR_FILL: Partial<Record<SceneryKind, [string, string]>> = {
  grass: ["#66bb6a", "#43a047"],
  ground: ["#8d6e63", "#6d4c41"],
  water: ["#42a5f5", "#1e88e5"],
  sand: ["#e8d5b7", "#c8ad7f"],
  snow: ["#eceff1", "#b0bec5"],
};

function floorMarkup(kind: SceneryKind, onTile: boolean): string {
  const [fill, edge] = FLOOR_FILL[kind] ?? ["#8d6e63", "#6d4c41"];
  const body = onTile
    ? `M8 ${FLOOR_TOP}H192V166A26 26 0 0 1 166 192H34A26 26 0 0 1 8 166Z`
    : `M14 ${FLOOR_TOP}H186A10 10 0 0 1 186 ${FLOOR_TOP + 40}H14A10 10 0 0 1 14 ${FLOOR_TOP}Z`;
  return `<path fill="${fill}" d="${body}"/><path fill="${edge}" d="M${onTile ? 8 : 14} ${FLOOR_TOP}H${onTile ? 192 : 186}V${FLOOR_TOP + 6}H${onTile ? 8 : 14}Z"/>`;
}

/** The scenery's markup, backdrops first, then floors; "" when there is none. */
export function sceneryMarkup(kinds: readonly SceneryKind[]): string {
  const backdrops = kinds.filter((k) => SCENERY_LAYER[k] === "backdrop");
  const floors = kinds.filter((k) => SCENERY_LAYER[k] === "floor");
  return (
    backdrops.slice(0, 1).map(backdropMarkup).join("") +
    floors
      .slice(0, 1)
      .map((k) => floorMarkup(k, backdrops.length > 0))
      .join("")
  );
}

export type Arrangement = "alone" | "beside" | "on" | "inside" | "wearing";

export interface SceneBoxes {
  main: Box[];
  second: Box | null;
  /** The second subject is drawn before (under) the main one. */
  secondFirst: boolean;
}

/**
 * Where the subjects go. `count` copies of the main subject share its space; `flip` mirrors a
 * side-by-side layout (another seed's draft); a floor lifts everything onto it.
 */
export function sceneLayout(arrangement: Arrangement, options: { count: number; floor: boolean; backdrop: boolean; flip: boolean }): SceneBoxes {
  const { floor, backdrop, flip } = options;
  const ground = floor ? FLOOR_TOP + 6 : backdrop ? 178 : 186;
  const stand = (cx: number, size: number): Box => ({ cx, cy: ground - size / 2 - (floor ? 0 : 4), size });
  const area = floor || backdrop ? 128 : 164;
  let main: Box[];
  let second: Box | null = null;
  let secondFirst = false;
  switch (arrangement) {
    case "beside": {
      const left = flip ? 138 : 70;
      const right = flip ? 58 : 146;
      main = [floor ? stand(left, area * 0.76) : { cx: left, cy: 100, size: area * 0.76 }];
      second = floor ? stand(right, area * 0.5) : { cx: right, cy: 100 + area * 0.12, size: area * 0.5 };
      break;
    }
    case "on": {
      const platform = area * 0.62;
      const base = floor ? ground - platform * 0.3 : 150;
      second = { cx: 100, cy: base, size: platform };
      main = [{ cx: 100, cy: base - platform * 0.28 - area * 0.3, size: area * 0.62 }];
      secondFirst = true;
      break;
    }
    case "inside":
      main = [floor ? stand(100, area) : { cx: 100, cy: 100, size: area }];
      second = { cx: main[0].cx, cy: main[0].cy, size: main[0].size * 0.42 };
      break;
    case "wearing":
      main = [floor ? stand(100, area) : { cx: 100, cy: 104, size: area }];
      second = { cx: main[0].cx, cy: main[0].cy - main[0].size * 0.2, size: main[0].size * 0.46 };
      break;
    default:
      main = [floor ? stand(100, area) : { cx: 100, cy: 100, size: area }];
  }
  if (options.count > 1) main = spread(main[0], options.count, floor ? ground : null);
  return { main, second, secondFirst };
}

/** `n` copies in the space of one: a row for 2–3, rows of 2 or 3 beyond. */
function spread(box: Box, n: number, ground: number | null): Box[] {
  const perRow = n <= 3 ? n : Math.ceil(n / 2);
  const rows = Math.ceil(n / perRow);
  const size = (box.size / Math.max(perRow, rows)) * 0.92;
  const out: Box[] = [];
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / perRow),
      c = i % perRow;
    const inRow = Math.min(perRow, n - r * perRow);
    const cx = box.cx - ((inRow - 1) * size) / 2 / 0.92 + (c * size) / 0.92;
    const cy = ground !== null && rows === 1 ? ground - size / 2 : box.cy - ((rows - 1) * size) / 2 / 0.92 + (r * size) / 0.92;
    out.push({ cx, cy, size });
  }
  return out;
}
