import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { signOutRoute } from "@/lib/routes/auth-routes";

export const dynamic = "force-dynamic";

export const POST = guarded((request: Request) => handleRoute(async () => signOutRoute(request)));
