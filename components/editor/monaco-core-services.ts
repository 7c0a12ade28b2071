/**
 * The third slice of Monaco's core: the standalone editor's services (see monaco-core-model.ts).
 */
import "monaco-editor/editor/standalone/browser/standaloneServices";
