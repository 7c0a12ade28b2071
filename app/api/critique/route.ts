import { buildCriticPrompt } from "@/lib/introsvg/prompts";
import { SAMPLING } from "@/lib/introsvg/sampling";
import { critiqueRequestSchema } from "@/lib/inference/step-contract";
import { handleStepRoute } from "@/lib/inference/step-route";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleStepRoute(request, critiqueRequestSchema, (body) => ({
    role: "critique",
    modelRole: "critic",
    sampling: body.final ? SAMPLING.final_critic : SAMPLING.critic,
    // Text first, image second, as the model was trained; the literal <image> stays in the text.
    content: [
      { type: "text", text: buildCriticPrompt(body.prompt) },
      { type: "image", image: body.png, mediaType: "image/png" },
    ],
  }));
}
