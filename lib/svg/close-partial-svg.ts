/**
 * Makes a best-effort complete document from an SVG that is still streaming, so the live
 * preview can show what has arrived: drops a half-written trailing tag and closes the
 * elements still open. The result may still be unrenderable; callers skip those frames.
 */
const VOID_SAFE = /^[A-Za-z][\w:.-]*$/;

export function closePartialSvg(partial: string): string | null {
  const start = partial.search(/<svg[\s>/]/i);
  if (start < 0) return null;
  let text = partial.slice(start);
  const lastLt = text.lastIndexOf("<");
  if (lastLt > text.lastIndexOf(">")) text = text.slice(0, lastLt);
  if (!/^<svg[^>]*>/i.test(text)) return null;

  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(text))) {
    if (!m[2]) continue;
    const [, closing, name, , selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
    } else if (VOID_SAFE.test(name)) {
      stack.push(name);
    }
  }
  if (stack.length === 0) return text;
  return (
    text +
    stack
      .reverse()
      .map((name) => `</${name}>`)
      .join("")
  );
}
