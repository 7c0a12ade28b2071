/**
 * A deterministic stand-in for a BPE tokenizer: text is cut into pieces of at most four
 * characters on word / punctuation / whitespace boundaries. Joining the pieces gives the text
 * back exactly, so `max_tokens` can cut the output at a token boundary and usage counts are
 * stable. (A real Qwen2.5 tokenizer averages ~3.5 characters per token on SVG; this is close.)
 */
const PIECE = /\s+|[A-Za-z]+|\d+|[^\sA-Za-z\d]/gu;
const MAX_PIECE = 4;

export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(PIECE)) {
    const run = match[0];
    for (let i = 0; i < run.length; i += MAX_PIECE) out.push(run.slice(i, i + MAX_PIECE));
  }
  return out;
}

export function countTokens(text: string): number {
  return tokenize(text).length;
}

/** Cuts the text after `maxTokens` tokens. `truncated` tells whether anything was dropped. */
export function truncateToTokens(text: string, maxTokens: number): { text: string; tokens: string[]; truncated: boolean } {
  const tokens = tokenize(text);
  if (tokens.length <= maxTokens) return { text, tokens, truncated: false };
  const kept = tokens.slice(0, Math.max(0, maxTokens));
  return { text: kept.join(""), tokens: kept, truncated: true };
}
