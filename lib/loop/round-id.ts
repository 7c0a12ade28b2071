/** A round's id, made from its index in one place (React keys, selection); never parsed back. */
export function roundIdOf(index: number): string {
  return `round-${index}`;
}
