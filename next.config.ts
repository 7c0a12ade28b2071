import type { NextConfig } from "next";

// Model output is shown only as images (data: and blob: URLs); nothing is loaded from other
// origins at run time, so the policy can say so. Next's own inline bootstrap needs
// 'unsafe-inline' scripts without a nonce; Monaco's workers come from blob:/self.
const csp = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'" + (process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // data: and blob: are local (no network); Chromium can fetch an <img>'s data: URL itself.
  "connect-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
].join("; ");

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  experimental: {
    // Only pages run through the proxy with a body (API and engine requests with one go straight
    // to their routes, which cap it as it streams in; see proxy.ts); pages take none.
    proxyClientMaxBodySize: "64kb",
  },
  // Native and data-heavy packages stay out of the server bundle and load from node_modules.
  serverExternalPackages: [
    "prom-client",
    "@resvg/resvg-js",
    "@svgr/core",
    "@svgr/plugin-jsx",
    "svgo",
    "@libsql/client",
    "libsql",
    "jsdom",
    "@iconify-json/tabler",
    "@iconify-json/fluent-emoji-flat",
  ],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
        ],
      },
    ];
  },
};

export default nextConfig;
