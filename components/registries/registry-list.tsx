// The registries the user may see, each opening its repositories; an empty list says what to do.
import Link from 'next/link';
import { Boxes } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import type { RegistryView } from '@/lib/models/registries/registry-views.ts';

export function RegistryList({ registries, canAdd }: { registries: RegistryView[]; canAdd: boolean }) {
  const t = useTranslations('registries');
  if (registries.length === 0) {
    return (
      <EmptyState icon={<Boxes className="size-8" />} title={t('list.emptyTitle')}>
        {canAdd ? t('list.emptyCanAdd') : t('list.emptyCannotAdd')}
      </EmptyState>
    );
  }
  return (
    <Table caption={t('list.caption')} columns={[{ label: t('list.columnRegistry') }, { label: t('list.columnAddress') }, { label: t('list.columnKind') }, { label: t('list.columnSignsInAs') }]}>
      {registries.map((r) => (
        <Tr key={r.id}>
          <RowHeader>
            <Link href={`/registries/${r.id}`} className="font-medium text-accent hover:underline">
              {r.name}
            </Link>
          </RowHeader>
          <Td>
            <code>{r.address}</code> {r.plainHttp && <Badge tone="warn">{t('list.plainHttp')}</Badge>}
          </Td>
          <Td>{r.preset ? t(`presets.${r.preset}`) : t(`kinds.${r.kind}`)}</Td>
          <Td>{r.username ?? <span className="text-muted">{t('list.anonymous')}</span>}</Td>
        </Tr>
      ))}
    </Table>
  );
}
