/**
 * Monaco from the installed package, never from a CDN (offline users, and this machine). The
 * editor worker is bundled by Next; without getWorker the core worker fails under Turbopack.
 * Client-only: import this module through next/dynamic with ssr: false.
 *
 * Only what an SVG editor uses is loaded: the core API, XML, and the editing features below.
 * The package's entry also registers ~80 languages, the TypeScript, CSS, HTML and JSON
 * language services and every editor contribution, all evaluated the moment an editor first
 * opens; the core editor itself is most of it, though (its chunk is still ~2.4 MB raw).
 */
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor/editor/editor.api";
// The features (XML, find, folding…) are evaluated in a task of their own first; see lazy-monaco.tsx.
import "./monaco-features";

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker: (workerId: string, label: string) => Worker };
  }
}

window.MonacoEnvironment = {
  getWorker: () => new Worker(new URL("monaco-editor/editor/editor.worker", import.meta.url), { type: "module" }),
};

loader.config({ monaco });

export { monaco };

/**
 * Monaco's light theme with token colours that keep 4.5:1 (WCAG AA) on white and on the diff's
 * inserted and removed backgrounds: "vs" draws attribute names in #ff0000 (4:1 on white, 2.8:1
 * on a removed line) and the XML declaration in #808080. The diff backgrounds are a little
 * lighter than "vs" too, so every colour here also holds on a changed word of a changed line.
 */
export const EDITOR_THEME = "introsvg-light";
monaco.editor.defineTheme(EDITOR_THEME, {
  base: "vs",
  inherit: true,
  rules: [
    { token: "comment", foreground: "0a5c1e" },
    { token: "tag", foreground: "800000" },
    { token: "metatag", foreground: "8b0000" },
    { token: "metatag.xml", foreground: "4d4d4d" },
    { token: "delimiter.xml", foreground: "0000ff" },
    { token: "attribute.name", foreground: "9a0000" },
    { token: "attribute.value", foreground: "0a3d8f" },
    { token: "attribute.value.xml", foreground: "0000ff" },
    { token: "attribute.value.number", foreground: "0a5c3a" },
    { token: "attribute.value.unit", foreground: "0a5c3a" },
    { token: "string", foreground: "8b1010" },
    { token: "number", foreground: "0a5c3a" },
  ],
  colors: {
    "editorLineNumber.foreground": "#1f5f75",
    "diffEditor.insertedLineBackground": "#9bb95526",
    "diffEditor.insertedTextBackground": "#9ccc2c33",
    "diffEditor.removedLineBackground": "#ff000014",
    "diffEditor.removedTextBackground": "#ff000026",
  },
});
