import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { saveRoundRoute } from "@/lib/routes/session-routes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; index: string }> };

export const PUT = guarded((request: Request, { params }: Context) =>
  handleRoute(async () => {
    const { id, index } = await params;
    return saveRoundRoute(request, id, index);
  }),
);
