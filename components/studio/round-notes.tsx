"use client";

import { useId, useState } from "react";
import type { Round } from "@/lib/loop/loop-types";
import { NOTES_MAX_CHARS } from "@/lib/introsvg/designer-notes";
import { notesAvailability } from "@/lib/store/studio-store";
import { useShallow } from "zustand/react/shallow";
import { useStudioStore } from "./studio-store-provider";

/**
 * "Your notes" on a round with an SVG: what the designer wants changed, sent to the generator in
 * the profile's refine prompt ("Refine with my notes"). The result is a round of its own.
 */
export function RoundNotes({ round }: { round: Round }) {
  const [notes, setNotes] = useState("");
  const refineWithNotes = useStudioStore((s) => s.refineWithNotes);
  const availability = useStudioStore(useShallow((s) => notesAvailability(s.loop, round.id, notes)));
  const ids = { box: useId(), why: useId() };
  return (
    <div className="border-t border-slate-100 px-3 py-2" onClick={(e) => e.stopPropagation()} role="presentation">
      <label htmlFor={ids.box} className="mb-1 block text-xs font-medium text-slate-600">
        Your notes
      </label>
      <div className="flex items-start gap-2">
        <textarea
          id={ids.box}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          maxLength={NOTES_MAX_CHARS}
          rows={2}
          placeholder={`What should change in round ${round.index}? e.g. make it red · bigger · add a star`}
          className="min-w-0 flex-1 resize-y rounded border border-slate-300 px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-600"
        />
        <button
          type="button"
          disabled={!availability.enabled}
          title={availability.reason}
          aria-describedby={ids.why}
          onClick={() => {
            refineWithNotes(round.id, notes);
            setNotes("");
          }}
          className="shrink-0 rounded-md border border-indigo-300 bg-indigo-50 px-2 py-1 text-xs font-medium text-indigo-800 hover:bg-indigo-100 disabled:cursor-not-allowed disabled:border-slate-300 disabled:bg-white disabled:text-slate-700 disabled:opacity-50"
        >
          Refine with my notes
        </button>
      </div>
      <p id={ids.why} className="sr-only">
        {availability.reason}
      </p>
    </div>
  );
}
