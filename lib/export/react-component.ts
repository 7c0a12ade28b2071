/**
 * A React component (.tsx) of an SVG, made with SVGR (@svgr/core + @svgr/plugin-jsx): a named
 * and a default export, props spread onto the root <svg> (so width, className, color, onClick…
 * reach it), role="img" and a <title> (the prompt, or a `title` prop; `title=""` removes it).
 * With `currentColor`, the drawing's main colour becomes currentColor, so the icon takes the
 * text colour around it.
 *
 * Server-only: SVGR runs on Babel, which with its configuration loading is about 5 MB of
 * JavaScript minified (1.4 MB gzipped, and it wants Node's fs and path), against 564 kB for
 * SVGO's browser build; so the studio asks /api/export/react-component for it, and the batch
 * icon set calls it directly. The input is sanitized and optimized first (optimize-in-node.ts):
 * a component never carries what the sanitizer removes.
 */
import { transform } from "@svgr/core";
import jsx from "@svgr/plugin-jsx";
import { optimizeSvgInNode } from "./optimize-in-node";
import { mainPaint, paintsByDefault } from "./main-paint";
import type { SvgPrecision } from "./svgo-config";

export interface ReactComponentOptions {
  /** The component's name (componentName() of the prompt or id). */
  name: string;
  /** The <title> it carries by default. */
  title: string;
  currentColor: boolean;
  precision?: SvgPrecision;
}

export interface ReactComponent {
  tsx: string;
  name: string;
  /** The colour that became currentColor, or null (option off, or nothing to replace). */
  replacedColour: string | null;
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The title as the root's first child, unless the drawing has one of its own. */
function withTitle(svg: string, title: string): string {
  if (/<title[\s>]/.test(svg) || !title.trim()) return svg;
  return svg.replace(/^(\s*<svg\b[^>]*?)(\/?)>/, (_whole, open: string, selfClosing: string) =>
    selfClosing ? `${open}><title>${escapeXml(title)}</title></svg>` : `${open}><title>${escapeXml(title)}</title>`,
  );
}

type TemplateApi = Parameters<NonNullable<Parameters<typeof transform>[1]>["template"] & object>[1];
type TemplateVariables = Parameters<NonNullable<Parameters<typeof transform>[1]>["template"] & object>[0];

/** Named and default export, nothing else (SVGR's default template has only the default). */
function template(variables: TemplateVariables, { tpl }: TemplateApi) {
  return tpl`
${variables.imports};

${variables.interfaces};

export const ${variables.componentName} = (${variables.props}) => (
  ${variables.jsx}
);

export default ${variables.componentName};
`;
}

/** The component of an SVG: sanitized and optimized here first. */
export async function reactComponent(svg: string, options: ReactComponentOptions): Promise<ReactComponent> {
  return reactComponentOfOptimized((await optimizeSvgInNode(svg, options.precision ?? "lossless")).svg, options);
}

/** The component of an SVG that optimizeSvg already gave (the icon set optimizes each item once). */
export async function reactComponentOfOptimized(optimized: string, options: Omit<ReactComponentOptions, "precision">): Promise<ReactComponent> {
  const main = options.currentColor ? mainPaint(optimized) : null;
  const allDefault = options.currentColor && main === null && paintsByDefault(optimized);
  const tsx = await transform(
    withTitle(optimized, options.title),
    {
      plugins: [jsx],
      typescript: true,
      jsxRuntime: "automatic",
      expandProps: "end",
      titleProp: true,
      svgProps: { role: "img", ...(allDefault ? { fill: "currentColor" } : {}) },
      replaceAttrValues: main ? { [main]: "currentColor" } : undefined,
      template,
    },
    { componentName: options.name },
  );
  return { tsx: `${tsx.trim()}\n`, name: options.name, replacedColour: main ?? (allDefault ? "#000" : null) };
}
