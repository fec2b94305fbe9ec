'use client';
// The swarm's overlay networks: list, create (attachable, internal, encrypted, subnet), remove.
import { useQueryClient } from '@tanstack/react-query';
import { Share2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { column } from '@/components/ui/data-table.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { FormDialog } from '@/components/ui/form.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { ResourceSection } from '@/components/ui/resource-section.tsx';
import { NamesOrNone } from '@/components/ui/table.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createNetworkAction, removeSwarmObjectAction } from '@/lib/actions/services.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useSwarmObjects } from '@/lib/queries/use-swarm-objects.ts';
import type { NetworkRow } from '@/lib/services/swarm-services/swarm-objects.ts';
import { swarmRemoval } from './swarm-removal.ts';

/** The network's flags; each has option.<key>.label and option.<key>.hint in the catalogue. */
const OPTIONS = ['attachable', 'internal', 'encrypted'] as const;
const NO_FLAGS = { attachable: false, internal: false, encrypted: false };

function CreateNetworkDialog({ swarmId, open, onOpenChange }: { swarmId: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations('services.networks');
  const [name, setName] = useState('');
  const [subnet, setSubnet] = useState('');
  const [flags, setFlags] = useState(NO_FLAGS);
  const form = useActionForm({ fields: ['name', 'subnet'], report: 'inline' });
  const queryClient = useQueryClient();
  const clear = () => {
    setName('');
    setSubnet('');
    setFlags(NO_FLAGS);
  };
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      onClosed={clear}
      title={t('createTitle')}
      description={t('createDescription')}
      form={form}
      label={t('create')}
      onSubmit={async () => {
        if (!(await form.submit(() => createNetworkAction({ swarmId, name, subnet: subnet.trim() || null, ...flags })))) return;
        toast.success(t('created', { name: name.trim() }));
        await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
        clear();
        onOpenChange(false);
      }}
    >
      <TextField label={t('name')} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} autoComplete="off" spellCheck={false} autoFocus />
      <TextField label={t('subnet')} hint={t('subnetHint')} value={subnet} onChange={(e) => setSubnet(e.target.value)} error={form.errors.subnet} autoComplete="off" />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t('options')}</legend>
        {OPTIONS.map((o) => (
          <label key={o} className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" checked={flags[o]} onChange={(e) => setFlags((f) => ({ ...f, [o]: e.target.checked }))} />
            <span>
              {t(`option.${o}.label`)}
              <span className="block text-xs text-muted">{t(`option.${o}.hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </FormDialog>
  );
}

export function NetworksSection({ swarmId, canManage }: { swarmId: string; canManage: boolean }) {
  const t = useTranslations('services.networks');
  const [creating, setCreating] = useState(false);
  const yes = (value: boolean) => (value ? <Badge tone="accent">{t('yes')}</Badge> : <span className="text-muted">{t('no')}</span>);
  const columns = [
    column<NetworkRow>(t('col.name'), (n) => n.name, 'font-medium'),
    column<NetworkRow>(t('col.driver'), (n) => n.driver),
    column<NetworkRow>(t('col.scope'), (n) => n.scope),
    column<NetworkRow>(t('col.attachable'), (n) => yes(n.attachable)),
    column<NetworkRow>(t('col.internal'), (n) => yes(n.internal)),
    column<NetworkRow>(t('col.encrypted'), (n) => yes(n.encrypted)),
    column<NetworkRow>(t('col.subnet'), (n) => n.subnets.join(', ') || '—', 'font-mono text-xs'),
    column<NetworkRow>(t('col.stack'), (n) => n.stack ?? '—'),
    column<NetworkRow>(t('col.usedBy'), (n) => <NamesOrNone names={n.usedBy} />),
  ];
  return (
    <QueryState query={useSwarmObjects(swarmId, 'networks')} waiting={t('asking')} what={t('what')}>
      {(networks) => (
        <ResourceSection
          caption={t('caption')}
          rows={networks}
          rowId={(n) => n.id}
          columns={columns}
          empty={{ icon: <Share2 className="size-8" />, title: t('emptyTitle'), text: t('emptyText') }}
          create={canManage && <Button onClick={() => setCreating(true)}>{t('create')}</Button>}
          remove={
            canManage &&
            swarmRemoval<NetworkRow, unknown>(swarmId, {
              noun: t('noun'),
              name: (n) => n.name,
              allowed: (n) => n.name !== 'ingress',
              consequence: (n) => (n.usedBy.length ? t('inUse', { users: n.usedBy.join(', ') }) : t('unused')),
              run: (n) => removeSwarmObjectAction({ swarmId, kind: 'network', id: n.id }),
            })
          }
        >
          {canManage && <CreateNetworkDialog swarmId={swarmId} open={creating} onOpenChange={setCreating} />}
        </ResourceSection>
      )}
    </QueryState>
  );
}
