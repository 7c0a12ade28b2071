import { createRequire } from "node:module";
import { transformSync } from "esbuild";
import { PNG } from "pngjs";
import { createElement, type ComponentType, type SVGProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderSvgPng } from "../raster/node";
import { diffPixels } from "../raster/pixel-diff";
import { exportCorpus } from "../../test/support/export-corpus";
import { HOSTILE_SVGS } from "../../test/support/hostile-svgs";
import { parseSvgStrict, unsafeParts } from "../../test/support/unsafe-svg";
import { componentName } from "./file-names";
import { optimizeSvgInNode } from "./optimize-in-node";
import { reactComponent } from "./react-component";

type IconProps = SVGProps<SVGSVGElement> & { title?: string };
interface CompiledModule {
  default: ComponentType<IconProps>;
  [name: string]: unknown;
}

const requireHere = createRequire(import.meta.url);

/** Compiles the .tsx as a project would (esbuild: TypeScript + the automatic JSX runtime) and loads it. */
function compile(tsx: string): CompiledModule {
  const { code } = transformSync(tsx, { loader: "tsx", jsx: "automatic", format: "cjs", target: "es2022" });
  const loaded = { exports: {} as CompiledModule };
  const load = (id: string) => {
    if (id !== "react" && id !== "react/jsx-runtime") throw new Error(`the component imports ${id}`);
    return requireHere(id);
  };
  new Function("require", "module", "exports", code)(load, loaded, loaded.exports);
  return loaded.exports;
}

const pixels = (svg: string) => PNG.sync.read(renderSvgPng(svg)).data;
const changed = (a: string, b: string) => diffPixels(pixels(a), pixels(b), 200, 200, { tolerance: 2 }).changed;

const corpus = exportCorpus(8);

describe("reactComponent", () => {
  it.each(corpus)(
    "$label: compiles, exports named and default, and draws the same picture",
    async ({ label, svg }) => {
      const name = componentName(label);
      const { tsx } = await reactComponent(svg, { name, title: "An icon", currentColor: false });
      const mod = compile(tsx);
      expect(mod[name]).toBe(mod.default);
      const markup = renderToStaticMarkup(createElement(mod.default));
      parseSvgStrict(markup);
      expect(unsafeParts(markup)).toEqual([]);
      const original = (await optimizeSvgInNode(svg)).original;
      expect(changed(original, markup)).toBe(0);
    },
    60_000,
  );

  it("spreads props onto the root <svg> and carries a <title> (the prompt's, a prop's, or none)", async () => {
    const { tsx } = await reactComponent(corpus[0].svg, { name: "RedKite", title: "A red kite", currentColor: false });
    const Icon = compile(tsx).RedKite as ComponentType<IconProps>;
    const markup = renderToStaticMarkup(createElement(Icon, { width: 48, height: 48, className: "icon", "aria-hidden": true, id: "k" }));
    const root = parseSvgStrict(markup).documentElement;
    expect(root.getAttribute("width")).toBe("48");
    expect(root.getAttribute("class")).toBe("icon");
    expect(root.getAttribute("aria-hidden")).toBe("true");
    expect(root.getAttribute("role")).toBe("img");
    expect(root.firstElementChild?.localName).toBe("title");
    expect(root.firstElementChild?.textContent).toBe("A red kite");
    const retitled = parseSvgStrict(renderToStaticMarkup(createElement(Icon, { title: "Kite" }))).documentElement;
    expect(retitled.getElementsByTagName("title")[0].textContent).toBe("Kite");
    expect(renderToStaticMarkup(createElement(Icon, { title: "" }))).not.toContain("<title");
  });

  it("escapes a prompt's markup in the title", async () => {
    const { tsx } = await reactComponent(corpus[0].svg, { name: "X", title: 'A <b>"kite"</b> & {braces}', currentColor: false });
    const markup = renderToStaticMarkup(createElement(compile(tsx).default));
    expect(parseSvgStrict(markup).getElementsByTagName("title")[0].textContent).toBe('A <b>"kite"</b> & {braces}');
  });

  it("currentColor: the main colour follows the text colour, and with that colour it draws the same", async () => {
    for (const { svg } of corpus.slice(0, 6)) {
      const { tsx, replacedColour } = await reactComponent(svg, { name: "Icon", title: "Icon", currentColor: true });
      expect(replacedColour).not.toBeNull();
      expect(tsx).toContain('"currentColor"');
      const Icon = compile(tsx).default;
      const original = (await optimizeSvgInNode(svg)).original;
      expect(changed(original, renderToStaticMarkup(createElement(Icon, { color: replacedColour! })))).toBe(0);
      expect(changed(original, renderToStaticMarkup(createElement(Icon, { color: "#ff00ff" })))).toBeGreaterThan(0);
    }
  }, 60_000);

  it("an icon painted only by default (black) gets fill=currentColor on its root", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M4 4h16v16H4z"/></svg>';
    const { tsx, replacedColour } = await reactComponent(svg, { name: "Square", title: "Square", currentColor: true });
    expect(replacedColour).toBe("#000");
    const markup = renderToStaticMarkup(createElement(compile(tsx).default, { color: "#000" }));
    expect(changed(svg, markup)).toBe(0);
  });

  it.each(HOSTILE_SVGS)("$label: the component carries nothing the sanitizer removes", async ({ svg }) => {
    const { tsx } = await reactComponent(svg, { name: "Hostile", title: "x", currentColor: true });
    expect(unsafeParts(tsx)).toEqual([]);
    expect(tsx).not.toMatch(/dangerouslySetInnerHTML|eval\(|new Function/);
  });
});

describe("componentName", () => {
  it("is PascalCase from the prompt, without a leading article, never starting with a digit", () => {
    expect(componentName("a red kite")).toBe("RedKite");
    expect(componentName("The yin-yang symbol represents balance within")).toBe("YinYangSymbolRepresentsBalance");
    expect(componentName("12193613_yin yang")).toBe("Icon12193613YinYang");
    expect(componentName("   ")).toBe("Icon");
    expect(componentName("a")).toBe("A");
  });
});
