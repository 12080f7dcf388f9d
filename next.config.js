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
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
  },
};

export default nextConfig;
