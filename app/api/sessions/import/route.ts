import { handleRoute } from "@/lib/http/json-request";
import { importSessionRoute } from "@/lib/routes/session-routes";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => handleRoute(() => importSessionRoute(request));
