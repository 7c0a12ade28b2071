/**
 * Remembers the last few results of a pure function of a string. The same SVG is sanitized and
 * validated by several views at once (round card, editor preview, result, compare); for a
 * 500 kB SVG each pass costs tens of milliseconds, so they share one.
 */
export function memoizeRecent<R>(fn: (input: string) => R, size = 8): (input: string) => R {
  const recent = new Map<string, R>();
  return (input) => {
    const hit = recent.get(input);
    if (hit !== undefined) {
      // Most recently used last, so the oldest is the first to go.
      recent.delete(input);
      recent.set(input, hit);
      return hit;
    }
    const result = fn(input);
    recent.set(input, result);
    if (recent.size > size) recent.delete(recent.keys().next().value as string);
    return result;
  };
}
