import { handleRoute } from "@/lib/http/json-request";
import { createSessionRoute, listSessionsRoute } from "@/lib/routes/session-routes";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => handleRoute(() => listSessionsRoute(request));
export const POST = (request: Request) => handleRoute(() => createSessionRoute(request));
