'use client';
// The frame around every console page: sidebar navigation, top bar with live state, theme and
// the user menu.
import { Anchor, Archive, BellRing, Box, Boxes, Gauge, Layers, LogOut, Moon, Network, ScrollText, Server, ShieldCheck, Sun, UserRound, Users } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useTheme } from 'next-themes';
import { useSyncExternalStore, type ReactNode } from 'react';
import { LiveUpdates, useLiveState } from '@/lib/realtime/client/live-updates.tsx';
import { cn } from '@/lib/ui/cn.ts';
import { LanguageSwitch } from './language-switch.tsx';
import type { NavItem } from './nav-items.ts';

const icons: Record<string, typeof Gauge> = { gauge: Gauge, server: Server, network: Network, layers: Layers, boxes: Boxes, box: Box, archive: Archive, users: Users, scroll: ScrollText, shield: ShieldCheck, bell: BellRing };

function isActive(pathname: string, href: string) {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

const noSubscription = () => () => {};

function ThemeToggle() {
  const t = useTranslations('shell.theme');
  const { resolvedTheme, setTheme } = useTheme();
  // The theme is known only in the browser: render the server's guess until hydrated.
  const mounted = useSyncExternalStore(noSubscription, () => true, () => false);
  const dark = mounted && resolvedTheme === 'dark';
  return (
    <button
      type="button"
      onClick={() => setTheme(dark ? 'light' : 'dark')}
      className="rounded-md p-2 text-muted hover:bg-surface-2 hover:text-fg"
      aria-label={dark ? t('toLight') : t('toDark')}
    >
      {dark ? <Sun className="size-4" /> : <Moon className="size-4" />}
    </button>
  );
}

function LiveIndicator() {
  const t = useTranslations('shell.live');
  const state = useLiveState();
  const labels: Record<typeof state, string> = { live: t('live'), connecting: t('connecting'), offline: t('offline'), away: t('away') };
  const label = labels[state];
  return (
    <span className="flex items-center gap-2 text-xs text-muted" role="status" aria-label={t('label', { state: label })}>
      <span className={cn('size-2 rounded-full', state === 'live' ? 'bg-ok' : state === 'connecting' ? 'bg-warn' : 'bg-danger')} aria-hidden />
      {label}
    </span>
  );
}

export function ConsoleShell({ user, nav, children }: { user: { username: string; roleLabel: string }; nav: NavItem[]; children: ReactNode }) {
  const t = useTranslations('shell');
  const tc = useTranslations('common');
  const pathname = usePathname();
  const router = useRouter();
  return (
    <LiveUpdates>
      <div className="flex min-h-screen">
        <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col border-r border-border bg-surface">
          <Link href="/" className="flex items-center gap-2 px-4 py-4 text-base font-semibold">
            <Anchor className="size-5 text-accent" aria-hidden /> {tc('product')}
          </Link>
          <nav aria-label={t('nav.label')} className="flex-1 overflow-y-auto px-2">
            <ul className="flex flex-col gap-0.5">
              {nav.map((item) => {
                const Icon = icons[item.icon] ?? Box;
                const active = isActive(pathname, item.href);
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={active ? 'page' : undefined}
                      className={cn('flex items-center gap-3 rounded-md px-3 py-2', active ? 'bg-accent/10 font-medium text-accent' : 'text-muted hover:bg-surface-2 hover:text-fg')}
                    >
                      <Icon className="size-4" aria-hidden />
                      {t(`nav.${item.key}`)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className="border-t border-border p-3 text-xs text-muted">
            <div className="truncate font-medium text-fg">{user.username}</div>
            <div>{user.roleLabel}</div>
          </div>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-12 items-center justify-end gap-3 border-b border-border bg-surface px-6">
            <LiveIndicator />
            <LanguageSwitch signedIn />
            <ThemeToggle />
            <Link
              href="/account"
              aria-current={isActive(pathname, '/account') ? 'page' : undefined}
              className="flex items-center gap-2 rounded-md px-2 py-1.5 text-muted hover:bg-surface-2 hover:text-fg"
            >
              <UserRound className="size-4" aria-hidden /> {t('account')}
            </Link>
            <button
              type="button"
              onClick={async () => {
                await signOut({ redirect: false });
                router.replace('/login');
                router.refresh();
              }}
              className="flex items-center gap-2 rounded-md px-2 py-1.5 text-muted hover:bg-surface-2 hover:text-fg"
            >
              <LogOut className="size-4" aria-hidden /> {t('signOut')}
            </button>
          </header>
          <main className="mx-auto w-full max-w-7xl flex-1 px-6 py-6">{children}</main>
        </div>
      </div>
    </LiveUpdates>
  );
}
