/**
 * Scenery a prompt names around its subjects — a sky, a sunset, a brick wall, grass, water — which
 * a designer draws as the ground or the background of the picture, not as one more icon. A word
 * counts as scenery when it always is ("sunset", "sky") or when a place word leads to it ("on the
 * grass", "in front of a wall", "into space", "… background"); "a drop of water" stays a subject.
 */
export type SceneryKind = "sky" | "sunset" | "night" | "wall" | "grass" | "ground" | "water" | "sand" | "snow";

/** Where scenery sits: behind everything (a backdrop), or along the bottom (a floor to stand on). */
export const SCENERY_LAYER: Record<SceneryKind, "backdrop" | "floor"> = {
  sky: "backdrop",
  sunset: "backdrop",
  night: "backdrop",
  wall: "backdrop",
  grass: "floor",
  ground: "floor",
  water: "floor",
  sand: "floor",
  snow: "floor",
};

/** How the critique names it. */
export const SCENERY_LABEL: Record<SceneryKind, string> = {
  sky: "a blue sky",
  sunset: "a sunset sky",
  night: "a night sky",
  wall: "a brick wall",
  grass: "a strip of grass",
  ground: "the ground",
  water: "water",
  sand: "sand",
  snow: "snow",
};

const WORDS: Record<string, SceneryKind> = {
  sky: "sky",
  skies: "sky",
  sunset: "sunset",
  sunrise: "sunset",
  dusk: "sunset",
  dawn: "sunset",
  night: "night",
  space: "night",
  galaxy: "night",
  universe: "night",
  wall: "wall",
  walls: "wall",
  brick: "wall",
  bricks: "wall",
  grass: "grass",
  lawn: "grass",
  meadow: "grass",
  field: "grass",
  ground: "ground",
  soil: "ground",
  dirt: "ground",
  floor: "ground",
  water: "water",
  sea: "water",
  ocean: "water",
  pond: "water",
  lake: "water",
  river: "water",
  beach: "sand",
  sand: "sand",
  desert: "sand",
  snow: "snow",
};
/** Scenery whatever leads to it. */
const ALWAYS = new Set(["sky", "skies", "sunset", "sunrise", "galaxy", "brick", "bricks"]);
const PLACE_WORDS = new Set([
  "in",
  "on",
  "at",
  "against",
  "under",
  "over",
  "above",
  "across",
  "behind",
  "front",
  "through",
  "into",
  "onto",
  "beneath",
  "by",
  "near",
  "along",
  "from",
]);
const BACKGROUND_WORDS = new Set(["background", "backdrop", "scene", "setting"]);

export interface SceneryMention {
  kind: SceneryKind;
  /** Word positions it covers (so they are not searched as icons). */
  positions: number[];
}

export function findScenery(words: readonly string[]): SceneryMention[] {
  const out: SceneryMention[] = [];
  for (let i = 0; i < words.length; i++) {
    const kind = WORDS[words[i]];
    if (!kind) continue;
    if (words[i - 1] === "of") continue; // "a drop of water", "a glass of water"
    const led = words.slice(Math.max(0, i - 3), i).some((w) => PLACE_WORDS.has(w));
    const backed = BACKGROUND_WORDS.has(words[i + 1] ?? "");
    if (!ALWAYS.has(words[i]) && !led && !backed) continue;
    const positions = [i];
    // "brick wall", "night sky": one piece of scenery.
    if (WORDS[words[i + 1] ?? ""] && (words[i + 1] === "wall" || words[i + 1] === "walls" || words[i + 1] === "sky")) positions.push(i + 1);
    const existing = out.find((m) => m.kind === kind);
    if (existing) existing.positions.push(...positions);
    else out.push({ kind, positions });
    i = positions[positions.length - 1];
  }
  return out;
}
