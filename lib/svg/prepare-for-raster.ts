/**
 * cairosvg's `output_width=200, output_height=200` renders the viewBox into a 200×200 surface
 * (aspect preserved, centred). Browsers and resvg do the same once the root has that width
 * and height and a viewBox, so the root's size attributes are rewritten here and a viewBox is
 * derived from the original width/height when the SVG has none.
 */
export function prepareForRaster(svg: string, width: number, height: number): string {
  const open = /<svg\b((?:[^>"']|"[^"]*"|'[^']*')*)>/i.exec(svg);
  if (!open) return svg;
  let attrs = open[1];
  const selfClosing = attrs.endsWith("/");
  if (selfClosing) attrs = attrs.slice(0, -1);
  const read = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(["'])(.*?)\\1`, "i").exec(attrs)?.[2];
  const drop = (name: string) => {
    attrs = attrs.replace(new RegExp(`\\s${name}\\s*=\\s*(["']).*?\\1`, "ig"), "");
  };
  const w = parseFloat(read("width") ?? "");
  const h = parseFloat(read("height") ?? "");
  if (read("viewBox") === undefined && Number.isFinite(w) && Number.isFinite(h) && w > 0 && h > 0) {
    attrs += ` viewBox="0 0 ${w} ${h}"`;
  }
  drop("width");
  drop("height");
  if (!/\sxmlns\s*=/.test(attrs)) attrs += ' xmlns="http://www.w3.org/2000/svg"';
  attrs += ` width="${width}" height="${height}"`;
  return svg.slice(0, open.index) + `<svg${attrs}${selfClosing ? "/" : ""}>` + svg.slice(open.index + open[0].length);
}
