/** The export API's shapes: the React component of a round (POST /api/export/react-component). */
import { z } from "zod";
import { LIMITS } from "../http/limits";

export const svgPrecisionSchema = z.union([z.literal("lossless"), z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);

export const reactComponentRequestSchema = z.object({
  svg: z
    .string()
    .min(1)
    .max(LIMITS.svgBytes, { message: `The SVG is larger than ${LIMITS.svgBytes / 1024} kB.` }),
  /** The prompt names the component and gives its <title>. */
  prompt: z.string().max(LIMITS.promptChars),
  currentColor: z.boolean().default(false),
  precision: svgPrecisionSchema.default("lossless"),
});
export type ReactComponentRequest = z.input<typeof reactComponentRequestSchema>;

export interface ReactComponentResponse {
  tsx: string;
  /** The component's name (its named export). */
  name: string;
  /** The colour that became currentColor, or null. */
  replacedColour: string | null;
}
