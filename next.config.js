/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The end-to-end suite builds into its own folder so it never replaces the build `npm start` serves
  distDir: process.env.ATLAS_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // The Prisma driver adapter and pg run on the Node server only; exceljs (CommonJS, reads its own
  // files and streams through archiver) is loaded from node_modules rather than bundled
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@node-rs/argon2", "exceljs", "pg-boss"],
  // A spreadsheet to match is at most 5 MB (lib/matching/vocabulary.ts MAX_MATCH_BYTES), sent to a
  // server action as form data: room for that and the form's own fields
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  // On every response, static files included (the CSP with its nonce is set per request in proxy.ts)
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          ...(process.env.NODE_ENV === "production" && (process.env.NEXTAUTH_URL ?? "").startsWith("https://")
            ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]
            : []),
        ],
      },
    ];
  },
};

export default nextConfig;
