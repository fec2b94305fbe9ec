'use client';
// The actions menu of one container (row or detail page): state changes allowed in its current
// state, rename and remove; each ends in a toast, and the state shown follows engine events.
import { useState } from 'react';
import { ActionsMenu, type MenuItem } from '@/components/swarms/actions-menu.tsx';
import { actionsFor } from '@/lib/models/containers/container-views.ts';
import { RemoveContainerDialog, RenameContainerDialog } from './container-dialogs.tsx';
import { VERB_LABELS, type ContainerTarget, useContainerCommands } from './use-container-commands.ts';

export function ContainerActions({ target, state, afterRemove, buttonText }: { target: ContainerTarget; state: string; afterRemove?: string; buttonText?: string }) {
  const { run, busy } = useContainerCommands();
  const [dialog, setDialog] = useState<'rename' | 'remove' | null>(null);
  const items: MenuItem[] = [
    ...actionsFor(state).map((verb) => ({ label: VERB_LABELS[verb], onSelect: () => void run(verb, target), danger: verb === 'kill' })),
    { label: 'Rename…', onSelect: () => setDialog('rename'), separatorBefore: true },
    { label: 'Remove…', onSelect: () => setDialog('remove'), danger: true },
  ];
  const working = busy.has(`${target.hostId}/${target.id}`);
  return (
    <div className="flex items-center justify-end gap-2">
      {working && <span role="status" aria-label={`Working on ${target.name}`} className="size-3.5 animate-spin rounded-full border-2 border-accent border-t-transparent" />}
      <ActionsMenu label={`Actions for ${target.name} on ${target.hostName}`} items={items} buttonText={buttonText} />
      {dialog === 'rename' && <RenameContainerDialog target={target} onClose={() => setDialog(null)} />}
      {dialog === 'remove' && <RemoveContainerDialog target={target} running={state === 'running' || state === 'paused' || state === 'restarting'} onClose={() => setDialog(null)} afterRemove={afterRemove} />}
    </div>
  );
}
