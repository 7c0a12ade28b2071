import { buildGeneratorPrompt } from "@/lib/introsvg/prompts";
import { SAMPLING } from "@/lib/introsvg/sampling";
import { generateRequestSchema } from "@/lib/inference/step-contract";
import { handleStepRoute } from "@/lib/inference/step-route";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleStepRoute(request, generateRequestSchema, (body) => ({
    role: "generate",
    modelRole: "generator",
    sampling: SAMPLING.generator,
    content: buildGeneratorPrompt(body.prompt),
  }));
}
