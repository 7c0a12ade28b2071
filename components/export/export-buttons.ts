export const BUTTON =
  "rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50";
export const PRIMARY =
  "rounded border border-slate-800 bg-slate-800 px-2 py-1 text-xs font-medium text-white hover:bg-slate-900 disabled:cursor-not-allowed disabled:opacity-50";
export const SELECT = "rounded border border-slate-300 bg-white px-1 py-1 text-xs";

export type Feedback = { tone: "ok" | "error"; text: string } | null;
