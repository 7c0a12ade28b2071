/**
 * Monaco from the installed package, never from a CDN (offline users, and this machine). The
 * editor worker is bundled by Next; without getWorker the core worker fails under Turbopack.
 * Client-only: import this module through next/dynamic with ssr: false.
 */
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";

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
