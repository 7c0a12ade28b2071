"use client";

import { useDefaultLayout, type LayoutStorage } from "react-resizable-panels";
import { useSyncExternalStore } from "react";

/** Nothing is kept while the page renders on the server (there is no localStorage there). */
const NO_STORAGE: LayoutStorage = { getItem: () => null, setItem: () => undefined };

function browserStorage(): LayoutStorage {
  try {
    return typeof window === "undefined" ? NO_STORAGE : window.localStorage;
  } catch {
    return NO_STORAGE; // storage refused (a privacy setting): the layout is simply not remembered
  }
}

/** A group's layout as the user last left it, kept in localStorage under `id`. */
export function useRememberedLayout(id: string) {
  return useDefaultLayout({ id: `introsvg-studio:${id}`, storage: browserStorage() });
}

const WIDE_QUERY = "(min-width: 1024px)";

function subscribeWide(onChange: () => void): () => void {
  const query = window.matchMedia(WIDE_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/**
 * Whether the window is wide enough for panes side by side (Tailwind's `lg`, 1024 px). False
 * while server-rendering, so the page first paints stacked and then settles.
 */
export function useWideWindow(): boolean {
  return useSyncExternalStore(
    subscribeWide,
    () => window.matchMedia(WIDE_QUERY).matches,
    () => false,
  );
}
