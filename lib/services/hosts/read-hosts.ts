// Reading hosts for views, limited to what the actor may see.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { visibleHosts } from '@/lib/auth/permissions.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostViewSelect, toHostView, type HostView } from './host-view.ts';

export async function listHosts(deps: Pick<ServiceDeps, 'db'>, actor: Actor, locale: Locale = DEFAULT_LOCALE): Promise<HostView[]> {
  const visible = visibleHosts(actor.grants, 'host.view');
  const rows = await deps.db.host.findMany({
    where: visible === 'all' ? {} : { id: { in: [...visible] } },
    orderBy: { name: 'asc' },
    select: hostViewSelect,
  });
  return rows.map((row) => toHostView(row, locale));
}

/** The caller has already authorized host.view on this id. */
export async function getHost(deps: Pick<ServiceDeps, 'db'>, hostId: string, locale: Locale = DEFAULT_LOCALE): Promise<HostView> {
  const row = await deps.db.host.findUnique({ where: { id: hostId }, select: hostViewSelect });
  if (!row) throw new AppError('NOT_FOUND', msg('hosts.errors.notFoundMaybeRemoved'));
  return toHostView(row, locale);
}
