'use client';
// Each node's local volumes (through the nodes whose engine is a registered host), the containers
// that use them, and removal — refused by the server while a container uses the volume.
import { HardDrive } from 'lucide-react';
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

const COLUMNS = [
  column<VolumeRow>('Name', (v) => v.name, 'max-w-64 break-all font-medium'),
  column<VolumeRow>('Node', (v) => v.node),
  column<VolumeRow>('Host', (v) => v.hostName),
  column<VolumeRow>('Driver', (v) => v.driver),
  column<VolumeRow>('Stack', (v) => v.stack ?? '—'),
  column<VolumeRow>('In use by', (v) => <NamesOrNone names={v.usedBy} />),
  column<VolumeRow>('Created', (v) => <RelativeTime iso={v.createdAt} />, 'whitespace-nowrap text-xs'),
];

export function VolumesSection({ swarmId, canManage }: { swarmId: string; canManage: boolean }) {
  return (
    <QueryState query={useSwarmObjects(swarmId, 'volumes')} waiting="Asking each node for its volumes…" what="The volumes">
      {({ volumes, sources }) => (
        <ResourceSection
          caption="Volumes"
          rows={volumes}
          rowId={(v) => v.key}
          columns={COLUMNS}
          empty={{ icon: <HardDrive className="size-8" />, title: 'No volumes', text: 'Volumes appear here when services or containers create them on a node.' }}
          toolbar={<WarningList label="Nodes not listed" items={sources.filter((s) => s.error).map((s) => unreadItem(s.nodeId, s.node, s.error))} />}
          remove={
            canManage &&
            swarmRemoval<VolumeRow, unknown>(swarmId, {
              noun: 'volume',
              name: (v) => `${v.name} on ${v.node}`,
              consequence: (v) => (v.usedBy.length ? `It is in use by ${v.usedBy.join(', ')}: the engine will refuse.` : 'Its data is deleted from the node. This cannot be undone.'),
              run: (v) => removeVolumeAction({ swarmId, hostId: v.hostId, name: v.name }),
            })
          }
        />
      )}
    </QueryState>
  );
}
