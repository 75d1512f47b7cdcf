import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  // Server-only packages with native-ish or global state: load them from node_modules as-is,
  // so the custom server and the route handlers share one prom-client and one pg.
  serverExternalPackages: ["pg", "prom-client", "@prisma/adapter-pg", "@electric-sql/pglite"],
  poweredByHeader: false,
  // Two checkouts' worth of work in one tree (a second test suite beside the first) each need
  // their own build folder.
  distDir: process.env.SITREP_DIST_DIR || ".next",
  // forbidden() renders app/forbidden.tsx with a 403 when a role check fails on a page.
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
