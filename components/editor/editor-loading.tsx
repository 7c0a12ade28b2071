export function EditorLoading({ what = "editor" }: { what?: string }) {
  return <div className="flex h-full items-center justify-center text-xs text-slate-600">Loading {what}…</div>;
}
