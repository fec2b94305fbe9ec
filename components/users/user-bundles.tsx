'use client';
// Every user's docker CLI bundles, per host: who holds a key to which engine, until when, and
// whether it still opens it. Revoking happens on the host's page (it rotates that host's CA).
import { useTranslations } from 'next-intl';
import { BundleLifeCells } from '@/components/hosts/cli-bundles-card.tsx';
import { useNow } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import type { CliBundle } from '@/lib/models/hosts/cli-bundles.ts';


export function UserBundles({ bundles }: { bundles: CliBundle[] }) {
  const t = useTranslations('users.bundles');
  const now = useNow(60_000);
  return (
    <section aria-labelledby="user-bundles" className="mt-10">
      <h2 id="user-bundles" className="text-base font-semibold">
        {t('heading')}
      </h2>
      <p className="mt-1 mb-4 text-sm text-muted">
        {t('intro')}
      </p>
      {bundles.length === 0 ? (
        <div className="rounded-lg border border-dashed border-border bg-surface px-6 py-8 text-center text-sm">
          <p className="font-medium">{t('emptyTitle')}</p>
          <p className="mt-1 text-muted">
            {t('emptyText')}
          </p>
        </div>
      ) : (
        <Table caption={t('caption')} columns={[{ label: t('user') }, { label: t('host') }, { label: t('issued') }, { label: t('expires') }, { label: t('state') }]}>
          {bundles.map((bundle) => (
            <Tr key={bundle.serial} className="align-top">
              <RowHeader>
                <div className="font-medium wrap-anywhere">{bundle.username ?? t('removedUser')}</div>
                <div className="font-mono text-xs text-muted break-all">{t('serial', { serial: bundle.serial })}</div>
              </RowHeader>
              <Td className="text-sm">
                {bundle.hostId ? <TextLink href={`/hosts/${bundle.hostId}`}>{bundle.hostName ?? t('itsHost')}</TextLink> : <span>{bundle.hostName ?? t('removedHost')} <span className="text-xs text-muted">{t('removed')}</span></span>}
              </Td>
              <BundleLifeCells bundle={bundle} now={now} />
            </Tr>
          ))}
        </Table>
      )}
    </section>
  );
}
