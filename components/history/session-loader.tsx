"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { useStudioStore } from "../studio/studio-store-provider";
import { useSessionDetail } from "./use-sessions";

/** Opens a stored session into the studio once; shows loading and not-found states meanwhile. */
export function SessionLoader({ sessionId }: { sessionId: string }) {
  const { data, error, isPending } = useSessionDetail(sessionId);
  const loadSession = useStudioStore((s) => s.loadSession);
  const loaded = useRef<string | null>(null);

  useEffect(() => {
    if (data && loaded.current !== data.id) {
      loaded.current = data.id;
      loadSession(data);
    }
  }, [data, loadSession]);

  if (isPending) {
    return (
      <p role="status" className="rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-600">
        Opening session…
      </p>
    );
  }
  if (error) {
    return (
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
        This session could not be opened: {error.message}{" "}
        <Link href="/" className="font-medium underline">
          Start a new session
        </Link>
      </div>
    );
  }
  return null;
}
