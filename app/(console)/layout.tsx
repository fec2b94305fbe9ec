import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/layout/console-shell.tsx';
import { NAV_ITEMS } from '@/components/layout/nav-items.ts';
import { can } from '@/lib/auth/authorize.ts';
import { currentActor } from '@/lib/auth/next/current-actor.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { needsSetup } from '@/lib/services/users/setup-first-admin.ts';
import { noAccessYet } from '@/lib/services/users/read-own-account.ts';
import { NoAccessNotice } from '@/components/account/no-access-notice.tsx';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  if (await needsSetup(getRuntime())) redirect('/setup');
  const actor = await currentActor();
  if (!actor) redirect('/login');
  const nav = NAV_ITEMS.filter((item) => !item.needs || can(actor, item.needs, item.anywhere ? ANYWHERE : undefined));
  const noAccess = await noAccessYet(getRuntime(), actor);
  const tRoles = await getTranslations('permissions');
  return (
    <ConsoleShell user={{ username: actor.username, roleLabel: tRoles(`roles.${actor.role}.label`) }} nav={nav}>
      {noAccess && <NoAccessNotice askWhom={noAccess.askWhom} />}
      {children}
    </ConsoleShell>
  );
}
