/**
 * POST /api/export/react-component {svg, prompt, currentColor, precision} → {tsx, name,
 * replacedColour}: SVGR runs here rather than in the tab (see lib/export/react-component.ts for
 * the measurements). The SVG is untrusted and is sanitized before anything reads it.
 */
import { reactComponentRequestSchema, type ReactComponentResponse } from "../contract/export-contract";
import { componentName } from "../export/file-names";
import { reactComponent } from "../export/react-component";
import { LIMITS } from "../http/limits";
import { parseJsonRequest } from "../http/json-request";
import { StudioError } from "../http/errors";
import { validateSvg } from "../svg/validate-svg";

export async function reactComponentRoute(request: Request): Promise<Response> {
  const body = await parseJsonRequest(request, reactComponentRequestSchema, LIMITS.svgBytes * 2 + 64 * 1024);
  const validation = validateSvg(body.svg);
  if (!validation.ok) throw new StudioError("bad_request", `The SVG is not well-formed: ${validation.message} (line ${validation.line}).`);
  const title = body.prompt.trim() || "Icon";
  const component = await reactComponent(body.svg, { name: componentName(title), title, currentColor: body.currentColor, precision: body.precision });
  const answer: ReactComponentResponse = { tsx: component.tsx, name: component.name, replacedColour: component.replacedColour };
  return Response.json(answer, { headers: { "cache-control": "no-store" } });
}
