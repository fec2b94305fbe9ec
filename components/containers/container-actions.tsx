'use client';
// The actions menu of one container (row or detail page): state changes allowed in its current
// state, rename, recreate (not a swarm task: its service replaces it) and remove; each ends in a
// toast, and the state shown follows engine events.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ActionsMenu, type MenuItem } from '@/components/swarms/actions-menu.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { actionsFor, type ContainerVerb } from '@/lib/models/containers/container-views.ts';
import { taskActionWarning } from '@/lib/models/containers/task-container.ts';
import { RecreateContainerDialog, RemoveContainerDialog, RenameContainerDialog } from './container-dialogs.tsx';
import { type ContainerTarget, useContainerCommands } from './use-container-commands.ts';

/** `service`: the swarm service the container is a task of; stopping, killing, restarting or pausing one is confirmed first. */
export function ContainerActions({ target, state, service = null, afterRemove, buttonText, quickLinks = false }: { target: ContainerTarget; state: string; service?: string | null; afterRemove?: string; buttonText?: string; /** Logs and Terminal first (a row of the list) */ quickLinks?: boolean }) {
  const t = useTranslations('containers.actions');
  const words = useTranslations('containers');
  const verbs = (verb: ContainerVerb) => words(`verbs.${verb}`);
  const router = useRouter();
  const { run, busy } = useContainerCommands();
  const [dialog, setDialog] = useState<'rename' | 'recreate' | 'remove' | null>(null);
  const [confirming, setConfirming] = useState<ContainerVerb | null>(null);
  const warning = confirming ? taskActionWarning(confirming, { name: target.name, service }) : null;
  const choose = (verb: ContainerVerb) => (taskActionWarning(verb, { name: target.name, service }) ? setConfirming(verb) : void run(verb, target));
  const base = `/containers/${encodeURIComponent(target.hostId)}/${encodeURIComponent(target.id)}`;
  const links: MenuItem[] = quickLinks
    ? [
        { label: t('logs'), onSelect: () => router.push(`${base}/logs`) },
        ...(state === 'running' ? [{ label: t('terminal'), onSelect: () => router.push(`${base}/terminal`) }] : []),
      ]
    : [];
  const items: MenuItem[] = [
    ...links,
    ...actionsFor(state).map((verb, i) => ({ label: taskActionWarning(verb, { name: target.name, service }) ? t('confirmVerb', { verb: verbs(verb) }) : verbs(verb), onSelect: () => choose(verb), danger: verb === 'kill', separatorBefore: i === 0 && links.length > 0 })),
    { label: t('rename'), onSelect: () => setDialog('rename'), separatorBefore: true },
    ...(service ? [] : [{ label: t('recreate'), onSelect: () => setDialog('recreate') }]),
    { label: t('remove'), onSelect: () => setDialog('remove'), danger: true },
  ];
  const working = busy.has(`${target.hostId}/${target.id}`);
  return (
    <div className="flex items-center justify-end gap-2">
      {working && <span role="status" aria-label={t('working', { name: target.name })} className="size-3.5 animate-spin rounded-full border-2 border-accent border-t-transparent" />}
      <ActionsMenu label={t('menu', { name: target.name, host: target.hostName })} items={items} buttonText={buttonText} />
      {confirming && warning && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setConfirming(null)}
          title={t('taskTitle', { verb: verbs(confirming), name: target.name })}
          description={t(`task.${warning}`, { name: target.name, service: service ?? '' })}
          confirmLabel={verbs(confirming)}
          danger={confirming !== 'pause'}
          onConfirm={async () => {
            const verb = confirming;
            setConfirming(null);
            await run(verb, target);
            return null;
          }}
        />
      )}
      {dialog === 'rename' && <RenameContainerDialog target={target} onClose={() => setDialog(null)} />}
      {dialog === 'recreate' && <RecreateContainerDialog target={target} onClose={() => setDialog(null)} openNew={afterRemove !== undefined} />}
      {dialog === 'remove' && <RemoveContainerDialog target={target} running={state === 'running' || state === 'paused' || state === 'restarting'} onClose={() => setDialog(null)} afterRemove={afterRemove} />}
    </div>
  );
}
