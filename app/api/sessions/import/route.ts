import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { importSessionRoute } from "@/lib/routes/session-routes";

export const dynamic = "force-dynamic";

export const POST = guarded((request: Request) => handleRoute(() => importSessionRoute(request)));
