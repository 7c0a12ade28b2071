import { guarded } from "@/lib/routes/access-route";
import { generateRoute } from "@/lib/routes/step-routes";

export const dynamic = "force-dynamic";

export const POST = guarded(generateRoute);
