"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { createHttpModelPort } from "@/lib/inference/step-client";
import { rasterizeSvgInBrowser } from "@/lib/raster/browser";
import { createStudioStore, type StudioState, type StudioStore } from "@/lib/store/studio-store";

const StudioStoreContext = createContext<StudioStore | null>(null);

export function StudioStoreProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => createStudioStore({ model: createHttpModelPort(), rasterize: (svg) => rasterizeSvgInBrowser(svg) }));
  return <StudioStoreContext.Provider value={store}>{children}</StudioStoreContext.Provider>;
}

export function useStudioStore<T>(selector: (state: StudioState) => T): T {
  const store = useContext(StudioStoreContext);
  if (!store) throw new Error("useStudioStore must be used inside <StudioStoreProvider>");
  return useStore(store, selector);
}
