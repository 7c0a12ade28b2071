import { buildRefinerPrompt } from "@/lib/introsvg/prompts";
import { SAMPLING } from "@/lib/introsvg/sampling";
import { refineRequestSchema } from "@/lib/inference/step-contract";
import { handleStepRoute } from "@/lib/inference/step-route";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleStepRoute(request, refineRequestSchema, (body) => ({
    role: "refine",
    modelRole: "generator",
    sampling: SAMPLING.refiner,
    content: buildRefinerPrompt({
      originPrompt: body.prompt,
      svg: body.svg,
      critique: body.critique,
      suggestions: body.suggestions,
    }),
  }));
}
