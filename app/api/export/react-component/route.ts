import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { reactComponentRoute } from "@/lib/routes/export-routes";

export const dynamic = "force-dynamic";

export const POST = guarded((request: Request) => handleRoute(() => reactComponentRoute(request)));
