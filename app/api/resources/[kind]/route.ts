// GET /api/resources/:kind[?host=ID] (images, volumes or networks): the rows of every host the
// user may see (or one), each host's outcome beside them, its failure said in the reader's language.
import { AppError, localizeText } from '@/lib/errors.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { authedRead } from '@/lib/http/authed-route.ts';
import { msg } from '@/lib/i18n/message.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { RECORD_ID } from '@/lib/schemas/ids.ts';
import { listResources } from '@/lib/services/containers/list-resources.ts';
import { RESOURCE_KINDS, type ResourceKind } from '@/lib/services/containers/read-host-resources.ts';

export const dynamic = 'force-dynamic';

const isKind = (kind: string): kind is ResourceKind => (RESOURCE_KINDS as readonly string[]).includes(kind);

export const GET = authedRead<{ kind: string }>(() => ({ permission: 'container.view', target: ANYWHERE }), async ({ rt, actor, url, params }) => {
  if (!isKind(params.kind)) throw new AppError('NOT_FOUND', msg('errors.notFound'));
  const host = url.searchParams.get('host');
  const [list, locale] = await Promise.all([listResources(rt, actor, params.kind, host && RECORD_ID.test(host) ? { hostId: host } : {}), requestLocale()]);
  return { ...list, hosts: list.hosts.map((h) => (h.error ? { ...h, error: localizeText(h.error, locale) } : h)) };
});
