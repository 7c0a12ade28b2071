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
import "monaco-editor/languages/definitions/xml/register";
import "monaco-editor/editor/common/standaloneStrings";
// monaco-editor's own feature entries (features/*/register), as its index imports them.
import "monaco-editor/features/codicon/register";
import "monaco-editor/features/codeEditor/register";
// Typing, moving and selecting.
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/cursorUndo/register";
import "monaco-editor/features/linesOperations/register";
import "monaco-editor/features/lineSelection/register";
import "monaco-editor/features/multicursor/register";
import "monaco-editor/features/wordOperations/register";
import "monaco-editor/features/smartSelect/register";
import "monaco-editor/features/caretOperations/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/indentation/register";
import "monaco-editor/features/contextmenu/register";
// Reading: find, folding, brackets, the error marker's hover and F8, long lines, odd characters.
import "monaco-editor/features/find/register";
import "monaco-editor/features/folding/register";
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/wordHighlighter/register";
import "monaco-editor/features/hover/register";
import "monaco-editor/features/gotoError/register";
import "monaco-editor/features/longLinesHelper/register";
import "monaco-editor/features/unicodeHighlighter/register";
import "monaco-editor/features/tokenization/register";
import "monaco-editor/features/readOnlyMessage/register";
// Keyboard users: Ctrl+M (Tab moves focus on), F1 commands and help, Ctrl+G go to line.
import "monaco-editor/features/toggleTabFocusMode/register";
import "monaco-editor/features/quickCommand/register";
import "monaco-editor/features/quickHelp/register";
import "monaco-editor/features/gotoLine/register";
// The compare dialog's diff.
import "monaco-editor/features/diffEditor/register";

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
