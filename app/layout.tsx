import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from './providers.tsx';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Wharf', template: '%s · Wharf' },
  description: 'A console for Docker hosts and Swarm clusters',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen font-sans text-sm antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
