// Explain access: effective permissions per scope with where each comes from, and recent refusals
// with the permission that was missing and the scope it was missing on.
import { useTranslations } from 'next-intl';
import { Card } from '@/components/ui/card.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import type { DenialView, UserAccess } from '@/lib/services/access/explain-user-access.ts';

export function AccessExplanation({ scopes, denials }: { scopes: UserAccess['scopes']; denials: DenialView[] }) {
  const t = useTranslations('access.explain');
  return (
    <>
      <Card title={t('effective')}>
        {scopes.length === 0 ? (
          <p className="text-muted">{t('nothing')}</p>
        ) : (
          scopes.map((scope) => (
            <div key={scope.label} className="mb-4">
              <h3 className="mb-1 text-sm font-semibold">{t('on', { scope: scope.label })}</h3>
              <Table caption={t('caption', { scope: scope.label })} columns={[{ label: t('permission') }, { label: t('allows') }, { label: t('from') }]}>
                {scope.permissions.map((p) => (
                  <Tr key={p.permission}>
                    <RowHeader className="font-mono text-xs">{p.permission}</RowHeader>
                    <Td className="text-xs">{p.allows}</Td>
                    <Td className="text-xs">{p.sources.join('; ')}</Td>
                  </Tr>
                ))}
              </Table>
            </div>
          ))
        )}
      </Card>
      <Card title={t('refusals')}>
        {denials.length === 0 ? (
          <p className="text-muted">{t('noRefusals')}</p>
        ) : (
          <Table caption={t('refusalsCaption')} columns={[{ label: t('when') }, { label: t('missing') }, { label: t('where') }, { label: t('reachesNow') }]}>
            {denials.map((d) => (
              <Tr key={d.id}>
                <Td className="whitespace-nowrap text-xs">
                  <RelativeTime iso={d.at} />
                </Td>
                <RowHeader className="font-mono text-xs">{d.permission}</RowHeader>
                <Td className="text-xs">{d.where}</Td>
                <Td className="text-xs">{d.allowedNow ? t('allowedNow') : d.reaching.length ? d.reaching.join('; ') : t('noGrant')}</Td>
              </Tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
