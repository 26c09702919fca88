/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The Prisma driver adapter and pg run on the Node server only
  serverExternalPackages: ["pg", "@prisma/adapter-pg"],
};

export default nextConfig;
