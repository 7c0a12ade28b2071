"use client";

import { useId, useState, type FormEvent } from "react";

/** The access-token form: posts the token, then goes where the user was going. */
export function SignInForm({ next }: { next: string }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const fieldId = useId();
  const errorId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (token.trim() === "") {
      setError("Enter the access token.");
      return;
    }
    setPending(true);
    setError(null);
    let response: Response | null = null;
    try {
      response = await fetch("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      });
    } catch {
      response = null;
    }
    if (response?.ok) {
      window.location.assign(next);
      return;
    }
    const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
    setError(body?.error?.message ?? (response ? `The studio answered ${response.status}.` : "The studio server did not answer."));
    setPending(false);
  }

  return (
    <form className="mt-4 flex flex-col gap-3" onSubmit={submit} noValidate>
      <div className="flex flex-col gap-1">
        <label htmlFor={fieldId} className="text-sm font-medium text-slate-700">
          Access token
        </label>
        <input
          id={fieldId}
          type="password"
          name="token"
          autoComplete="current-password"
          required
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          className="rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-900 focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-700 aria-invalid:border-red-500"
        />
      </div>
      {error && (
        <p id={errorId} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
