import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { NONCE_HEADER } from '@/lib/http/security-headers.ts';
import { Providers } from './providers.tsx';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Wharf', template: '%s · Wharf' },
  description: 'A console for Docker hosts and Swarm clusters',
};

// The nonce proxy.ts made for this response: the theme script runs before hydration, so it needs
// one (reading it makes every page dynamic, which a nonce requires; the not-found page too).
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen font-sans text-sm antialiased">
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
