/** The browser's client for the export API (the React component is made on the server). */
import type { ReactComponentRequest, ReactComponentResponse } from "../contract/export-contract";
import { callApi } from "./api-call";

export const exportApi = {
  reactComponent: (request: ReactComponentRequest, signal?: AbortSignal) =>
    callApi<ReactComponentResponse>("/api/export/react-component", { method: "POST", body: JSON.stringify(request), signal }),
};
