import { strFromU8, unzipSync } from "fflate";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { engineDrawings, introsvgOutputs } from "../../test/support/export-corpus";
import { HOSTILE_SVGS } from "../../test/support/hostile-svgs";
import { parseSvgStrict, unsafeParts } from "../../test/support/unsafe-svg";
import type { Round } from "../loop/loop-types";
import { contactSheetSvg } from "./contact-sheet";
import { iconSetFiles, iconSetZip } from "./icon-set-files";

function rounds(svg: string | null, score: number | null): Round[] {
  return [{ index: 1, svg, critique: score === null ? null : { score, critique: "", suggestions: "" } } as unknown as Round];
}

const drawings = [...engineDrawings(3), introsvgOutputs()[0]];
const sources = [
  ...drawings.map((d, i) => ({ id: `icon-${i + 1}`, desc: d.label, rounds: rounds(d.svg, 6 + i) })),
  { id: "12 hostile one", desc: "hostile", rounds: rounds(HOSTILE_SVGS[2].svg, 9.5) },
  { id: "failed", desc: "no svg", rounds: rounds(null, null) },
];

describe("iconSetFiles", () => {
  it("has one optimized SVG per item, the sprite, a component per item, index.ts, icons.json and the contact sheet", async () => {
    const files = await iconSetFiles(sources);
    const names = Object.keys(files).sort();
    expect(names).toEqual(
      [
        "contact-sheet.png",
        "icons.json",
        "react/Icon12HostileOne.tsx",
        "react/Icon1.tsx",
        "react/Icon2.tsx",
        "react/Icon3.tsx",
        "react/Icon4.tsx",
        "react/index.ts",
        "sprite.svg",
        "svg/12 hostile one.svg",
        "svg/icon-1.svg",
        "svg/icon-2.svg",
        "svg/icon-3.svg",
        "svg/icon-4.svg",
      ].sort(),
    );
    const manifest = JSON.parse(strFromU8(files["icons.json"])) as { icons: Array<{ id: string; symbol: string }>; skipped: string[] };
    expect(manifest.skipped).toEqual(["failed"]);
    expect(manifest.icons.map((i) => i.symbol)).toEqual(["icon-1", "icon-2", "icon-3", "icon-4", "icon-12-hostile-one"]);

    const sprite = parseSvgStrict(strFromU8(files["sprite.svg"]));
    const symbols = Array.from(sprite.getElementsByTagName("symbol"));
    expect(symbols.map((s) => s.getAttribute("id"))).toEqual(manifest.icons.map((i) => i.symbol));
    expect(symbols.every((s) => s.getAttribute("viewBox"))).toBe(true);
    // Ids inside symbols are prefixed, so one file never holds the same id twice.
    const ids = Array.from(sprite.querySelectorAll("[id]"), (e) => e.getAttribute("id"));
    expect(new Set(ids).size).toBe(ids.length);
    for (const text of Object.entries(files)
      .filter(([n]) => !n.endsWith(".png"))
      .map(([, d]) => strFromU8(d)))
      expect(unsafeParts(text)).toEqual([]);

    expect(strFromU8(files["react/index.ts"])).toBe(
      ["Icon1", "Icon2", "Icon3", "Icon4", "Icon12HostileOne"].map((n) => `export { ${n} } from "./${n}";`).join("\n") + "\n",
    );
    expect(strFromU8(files["react/Icon1.tsx"])).toContain("export default Icon1");

    const sheet = PNG.sync.read(Buffer.from(files["contact-sheet.png"]));
    expect([sheet.width, sheet.height]).toEqual([16 * 2 + 5 * 160, 16 * 2 + 196]);
    const zip = unzipSync(iconSetZip(files));
    expect(Object.keys(zip).sort()).toEqual(names);
  }, 120_000);

  it("labels every icon with its id and score", () => {
    const { svg } = contactSheetSvg([
      { id: "a<b", svg: drawings[0].svg, score: 7.25 },
      { id: "x".repeat(40), svg: drawings[1].svg, score: null },
    ]);
    expect(svg).toContain(">a&lt;b</text>");
    expect(svg).toContain(">7.3 / 10</text>");
    expect(svg).toContain(">unscored</text>");
    expect(svg).toContain(`>${"x".repeat(19)}…</text>`);
  });
});
