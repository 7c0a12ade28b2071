import { handleRoute } from "@/lib/http/json-request";
import { guarded } from "@/lib/routes/access-route";
import { saveCandidateRoute } from "@/lib/routes/session-routes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; number: string }> };

export const PUT = guarded((request: Request, { params }: Context) =>
  handleRoute(async () => {
    const { id, number } = await params;
    return saveCandidateRoute(request, id, number);
  }),
);
