/** File names derived from untrusted text (prompts, titles), safe on every file system. */
/** A short, filesystem-safe name from a prompt. */
export function fileSlug(prompt: string): string {
  const slug = prompt
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || "icon";
}
