"use client";

import { Fragment, useId, type ReactNode } from "react";

interface FieldProps {
  label: ReactNode;
  /** The control, given the id its label points at. */
  children: (id: string) => ReactNode;
  /** The wrapper's classes; null: no wrapper (label and control sit in the parent's layout). */
  className?: string | null;
  labelClassName?: string;
}

/** A label and its control, tied by a generated id: the one way the studio's forms name an input. */
export function Field({ label, children, className = "flex flex-col gap-0.5", labelClassName = "text-xs text-slate-600" }: FieldProps) {
  const id = useId();
  const content = (
    <>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {children(id)}
    </>
  );
  return className === null ? <Fragment>{content}</Fragment> : <div className={className}>{content}</div>;
}
