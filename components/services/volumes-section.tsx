'use client';
// Each node's local volumes (through the nodes whose engine is a registered host), the containers
// that use them, and removal — refused by the server while a container uses the volume.
import { HardDrive } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { column } from '@/components/ui/data-table.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { ResourceSection } from '@/components/ui/resource-section.tsx';
import { NamesOrNone } from '@/components/ui/table.tsx';
import { unreadItem, WarningList } from '@/components/ui/warning-list.tsx';
import { removeVolumeAction } from '@/lib/actions/services.ts';
import { useSwarmObjects } from '@/lib/queries/use-swarm-objects.ts';
import type { VolumeRow } from '@/lib/services/swarm-services/volume-views.ts';
import { swarmRemoval } from './swarm-removal.ts';
import { useSay } from '@/components/swarms/use-say.ts';

export function VolumesSection({ swarmId, canManage }: { swarmId: string; canManage: boolean }) {
  const t = useTranslations('services.volumes');
  const say = useSay();
  const columns = [
    column<VolumeRow>(t('col.name'), (v) => v.name, 'max-w-64 break-all font-medium'),
    column<VolumeRow>(t('col.node'), (v) => v.node),
    column<VolumeRow>(t('col.host'), (v) => v.hostName),
    column<VolumeRow>(t('col.driver'), (v) => v.driver),
    column<VolumeRow>(t('col.stack'), (v) => v.stack ?? '—'),
    column<VolumeRow>(t('col.usedBy'), (v) => <NamesOrNone names={v.usedBy} />),
    column<VolumeRow>(t('col.created'), (v) => <RelativeTime iso={v.createdAt} />, 'whitespace-nowrap text-xs'),
  ];
  return (
    <QueryState query={useSwarmObjects(swarmId, 'volumes')} waiting={t('asking')} what={t('what')}>
      {({ volumes, sources }) => (
        <ResourceSection
          caption={t('caption')}
          rows={volumes}
          rowId={(v) => v.key}
          columns={columns}
          empty={{ icon: <HardDrive className="size-8" />, title: t('emptyTitle'), text: t('emptyText') }}
          toolbar={<WarningList label={t('unread')} items={sources.filter((s) => s.error).map((s) => unreadItem(s.nodeId, s.node, typeof s.error === 'string' ? s.error : s.error && say(s.error)))} />}
          remove={
            canManage &&
            swarmRemoval<VolumeRow, unknown>(swarmId, {
              noun: t('noun'),
              name: (v) => t('rowName', { name: v.name, node: v.node }),
              consequence: (v) => (v.usedBy.length ? t('inUse', { users: v.usedBy.join(', ') }) : t('unused')),
              run: (v) => removeVolumeAction({ swarmId, hostId: v.hostId, name: v.name }),
            })
          }
        />
      )}
    </QueryState>
  );
}
