// The dashboard's second half: what needs attention (each with the page where to act), the tasks
// failing now with their errors, and each swarm by name with its stacks, services and nodes. Built
// from lib/models/dashboard/dashboard-digest.ts; renders on the server or in the browser.
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import type { AttentionItem, FailingTask, SwarmCard } from '@/lib/models/dashboard/dashboard-digest.ts';

const linkClass = 'font-medium text-accent hover:underline';

export function SwarmDigest({ attention, failing, swarms, canCreateSwarm }: { attention: AttentionItem[]; failing: FailingTask[]; swarms: SwarmCard[]; canCreateSwarm: boolean }) {
  const t = useTranslations('dashboard');
  return (
    <div className="mt-6 grid gap-4 lg:grid-cols-2">
      <Card title={t('attention.title')}>
        {attention.length === 0 ? (
          <p className="text-sm text-muted">{t('attention.none')}</p>
        ) : (
          <ul aria-label={t('attention.title')} className="flex flex-col gap-2 text-sm">
            {attention.map((item) => (
              <li key={`${item.kind}:${item.href}`}>
                <AttentionLine item={item} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t('failing.title')}>
        {failing.length === 0 ? (
          <p className="text-sm text-muted">{t('failing.none')}</p>
        ) : (
          <ul aria-label={t('failing.title')} className="flex flex-col gap-2 text-sm">
            {failing.map((f) => (
              <li key={`${f.href}:${f.error}`}>
                {t.rich('failing.item', { service: f.service, swarm: f.swarm, link: (chunks) => <Link href={f.href} className={linkClass}>{chunks}</Link> })}
                <div className="wrap-anywhere text-xs text-danger">{f.error}</div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t('swarms.title')} className="lg:col-span-2">
        {swarms.length === 0 ? (
          <p className="text-sm text-muted">
            {canCreateSwarm ? t.rich('swarms.noneCanCreate', { link: (chunks) => <TextLink href="/swarms/new">{chunks}</TextLink> }) : t('swarms.none')}
          </p>
        ) : (
          <ul aria-label={t('swarms.title')} className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
            {swarms.map((s) => (
              <li key={s.id} className="rounded-md border border-border p-3 text-sm">
                <Link href={s.href} className={linkClass}>
                  {s.name}
                </Link>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
                  <Count label={t('swarms.stacks')} value={s.stacks} href={`/stacks?swarm=${encodeURIComponent(s.id)}`} />
                  <Count label={t('swarms.services')} value={s.services} href={`/services?swarm=${encodeURIComponent(s.id)}`} />
                  <Count label={t('swarms.nodes')} value={s.nodes} href={s.href} note={s.nodesDown ? t('swarms.down', { count: s.nodesDown }) : null} />
                </dl>
                {s.stacks === 0 && (
                  <p className="mt-2 text-xs text-muted">{t.rich('swarms.noStacks', { link: (chunks) => <TextLink href={`/stacks/new?swarm=${encodeURIComponent(s.id)}`} className="text-xs">{chunks}</TextLink> })}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function Count({ label, value, href, note }: { label: string; value: number | null; href: string; note?: ReactNode }) {
  const t = useTranslations('dashboard.swarms');
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd>
        {value === null ? (
          <span className="text-muted">{t('notShown')}</span>
        ) : (
          <Link href={href} className="hover:underline">
            {value}
          </Link>
        )}
        {note && <span className="ml-2 text-danger">{note}</span>}
      </dd>
    </>
  );
}

function AttentionLine({ item }: { item: AttentionItem }) {
  const t = useTranslations('dashboard.attention');
  const link = (chunks: ReactNode) => (
    <Link href={item.href} className={linkClass}>
      {chunks}
    </Link>
  );
  const line =
    item.kind === 'host-unreachable'
      ? t.rich('hostUnreachable', { name: item.name, link })
      : item.kind === 'swarm-unreadable'
        ? t.rich('swarmUnreadable', { name: item.name, link })
        : item.kind === 'node-down'
          ? t.rich('nodeDown', { name: item.name, swarm: item.swarm, link })
          : t.rich(item.kind === 'stack-failed' ? 'stackFailed' : 'stackDegraded', { name: item.name, swarm: item.swarm, link });
  return (
    <>
      {line}
      {item.detail && <div className="wrap-anywhere text-xs text-muted">{item.detail}</div>}
    </>
  );
}
