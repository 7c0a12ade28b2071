"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { isWorthRetrying } from "@/lib/clients/api-call";

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        // One more try for a fault or a dropped connection; a refused request (4xx) is not asked twice.
        defaultOptions: { queries: { staleTime: 10_000, retry: (failures, error) => failures < 1 && isWorthRetrying(error) } },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
