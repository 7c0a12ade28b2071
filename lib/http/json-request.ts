/**
 * Reads a JSON request body under a size cap (enforced while it streams in, see body.ts) and
 * validates it: 400 with the first problem, 413 for an oversized body or field (zod "too_big",
 * or a refinement marked `tooLarge`).
 */
import type { z } from "zod";
import { readBodyText } from "./body";
import { StudioError } from "./errors";

async function readBody(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readBodyText(request, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new StudioError("bad_request", "The request body is not valid JSON.");
  }
}

export function validate<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const tooLarge = parsed.error.issues.find((i) => i.code === "too_big" || (i.code === "custom" && (i.params as { tooLarge?: boolean } | undefined)?.tooLarge));
  if (tooLarge) throw new StudioError("too_large", tooLarge.message);
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  throw new StudioError("bad_request", `${where}${issue.message}`);
}

export async function parseJsonRequest<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<z.infer<S>> {
  return validate(schema, await readBody(request, maxBytes));
}

/** Runs a route body; a StudioError becomes its response, anything else a logged 500. */
export async function handleRoute(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof StudioError) return e.toResponse();
    console.error(e);
    return new StudioError("internal", "The studio could not complete the request; see the server log.").toResponse();
  }
}
