/**
 * The parts of Monaco an SVG editor uses beyond its core: XML, and monaco-editor's own feature
 * entries (features/<name>/register) for editing, reading and keyboard use. Only these are loaded:
 * the package's entry also registers ~80 languages, four language services and every editor
 * contribution. A module of its own so it can be evaluated in a task of its own (lazy-monaco.tsx).
 */
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
