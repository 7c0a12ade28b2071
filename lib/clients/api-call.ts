/**
 * One JSON call to the studio's own API, for the browser's clients (sessions, batch). A failure
 * throws with the server's message and its HTTP status, so the page can say what went wrong
 * and tell a refused request (4xx: asking again will not help) from a fault.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or null when the studio did not answer at all. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function callApi<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError("The studio server did not answer.", null);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiError(body?.error?.message ?? `The studio answered ${response.status}.`, response.status);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The HTTP status of a failed API call, when the studio answered at all. */
export function statusOf(error: unknown): number | null {
  return error instanceof ApiError ? error.status : null;
}

/** Whether asking again might help: not when the studio refused the request itself (4xx). */
export function isWorthRetrying(error: unknown): boolean {
  const status = statusOf(error);
  return status === null || status >= 500;
}
