import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { createSessionRoute, listSessionsRoute } from "@/lib/routes/session-routes";

export const dynamic = "force-dynamic";

export const GET = guarded((request: Request) => handleRoute(() => listSessionsRoute(request)));
export const POST = guarded((request: Request) => handleRoute(() => createSessionRoute(request)));
