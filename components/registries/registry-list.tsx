// The registries the user may see, each opening its repositories; an empty list says what to do.
import Link from 'next/link';
import { Boxes } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { PRESET_DEFAULTS, REGISTRY_KIND_LABELS } from '@/lib/models/registries/registry-kinds.ts';
import type { RegistryView } from '@/lib/models/registries/registry-views.ts';

export function RegistryList({ registries, canAdd }: { registries: RegistryView[]; canAdd: boolean }) {
  if (registries.length === 0) {
    return (
      <EmptyState icon={<Boxes className="size-8" />} title="No registries yet">
        {canAdd
          ? 'Add a registry with its credentials (Docker Hub, GitHub, GitLab, Quay, Harbor or any registry speaking the v2 API): Wharf tests it, keeps the password sealed, and lets you browse it and pull from it.'
          : 'No registry is shared with you. An administrator can add one, or grant you a role on one.'}
      </EmptyState>
    );
  }
  return (
    <Table caption="Registries" columns={[{ label: 'Registry' }, { label: 'Address' }, { label: 'Kind' }, { label: 'Signs in as' }]}>
      {registries.map((r) => (
        <Tr key={r.id}>
          <RowHeader>
            <Link href={`/registries/${r.id}`} className="font-medium text-accent hover:underline">
              {r.name}
            </Link>
          </RowHeader>
          <Td>
            <code>{r.address}</code> {r.plainHttp && <Badge tone="warn">plain HTTP</Badge>}
          </Td>
          <Td>{r.preset ? PRESET_DEFAULTS[r.preset].label : REGISTRY_KIND_LABELS[r.kind]}</Td>
          <Td>{r.username ?? <span className="text-muted">anonymous</span>}</Td>
        </Tr>
      ))}
    </Table>
  );
}
