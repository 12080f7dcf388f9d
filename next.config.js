/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only modules stay out of the bundle: the mail core opens sockets,
  // the database driver is a native addon.
  serverExternalPackages: ["better-sqlite3", "jsdom", "dompurify", "pg"],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
  },
};

export default nextConfig;
