// The dashboard's recent events: the newest container events of the hosts the reader may see,
// each linked to the container (or, once it is gone, to its host's events). Rendered on the server.
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { Card } from '@/components/ui/card.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import type { RecentEvent } from '@/lib/models/dashboard/recent-events.ts';

export function RecentEvents({ events }: { events: RecentEvent[] }) {
  const t = useTranslations('dashboard.events');
  return (
    <Card title={t('title')} className="mt-6" actions={<TextLink href="/containers/events">{t('allLink')}</TextLink>}>
      {events.length === 0 ? (
        <p className="text-sm text-muted">{t('none')}</p>
      ) : (
        <ul aria-label={t('title')} className="flex flex-col gap-1 text-sm">
          {events.map((e) => (
            <li key={e.key} className="flex flex-wrap items-baseline gap-x-2">
              <span className="w-28 shrink-0 text-xs text-muted">
                <RelativeTime iso={e.time} />
              </span>
              <span>
                {t.rich('item', {
                  name: e.name,
                  action: e.action,
                  host: e.hostName,
                  link: (chunks) => <Link href={e.href} className="font-medium text-accent hover:underline">{chunks}</Link>,
                  code: (chunks) => <code className="rounded bg-surface-2 px-1 text-xs">{chunks}</code>,
                })}
              </span>
              {e.detail && <span className="text-xs text-muted">{e.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
