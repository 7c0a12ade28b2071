"use client";

import { useCallback, useState } from "react";

/** The problems the fields of a form report (by field), for the reason its action is disabled. */
export function useFieldProblems() {
  const [byField, setByField] = useState<Record<string, string>>({});
  const report = useCallback((field: string, problem: string | null) => {
    setByField((current) => {
      if ((current[field] ?? null) === problem) return current;
      const next = { ...current };
      if (problem === null) delete next[field];
      else next[field] = problem;
      return next;
    });
  }, []);
  return { problems: Object.values(byField), report };
}
