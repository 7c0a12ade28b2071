/**
 * The second slice of Monaco's core: the editor widget and its view (see monaco-core-model.ts).
 */
import "monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget";
