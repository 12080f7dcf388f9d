const development = process.env.NODE_ENV === "development";

// The app's own pages. Message HTML is never part of them: it lives in sandboxed srcdoc frames,
// which inherit this policy on top of their own (so remote images stay blocked even there).
// Next's hydration needs inline scripts; its dev server also needs eval.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only modules stay out of the bundle: the mail core opens sockets,
  // the database driver is a native addon.
  serverExternalPackages: ["better-sqlite3", "jsdom", "dompurify", "pg"],
  poweredByHeader: false,
  // A second build directory lets a developer build and test while another build is served.
  distDir: process.env.LETTERBOX_DIST_DIR || ".next",
  // The test command runs `tsc --noEmit` over the whole repository first; checking again
  // inside `next build` would only double the build time.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: contentSecurityPolicy },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=()",
          },
        ],
      },
    ];
  },
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
  },
};

export default nextConfig;
