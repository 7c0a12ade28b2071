/**
 * The first slice of Monaco's core: its text model and the common layer under it. A module of
 * its own only so lazy-monaco.tsx can evaluate Monaco's core in several tasks, not one.
 */
import "monaco-editor/editor/common/model/textModel";
import "monaco-editor/editor/common/config/editorOptions";
