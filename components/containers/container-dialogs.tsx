'use client';
// Renaming, recreating and removing a container: the dialogs, their server actions, toasts and refreshes.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { CheckboxField, TextField } from '@/components/ui/field.tsx';
import { FormDialog } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { recreateAsIsAction, removeContainerAction, renameContainerAction } from '@/lib/actions/containers.ts';
import { useRefreshContainers, type ContainerTarget } from './use-container-commands.ts';

export function RenameContainerDialog({ target, onClose }: { target: ContainerTarget; onClose: () => void }) {
  const t = useTranslations('containers.rename');
  const [name, setName] = useState(target.name);
  const form = useActionForm({ fields: ['name'], report: 'inline' });
  const refresh = useRefreshContainers();
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('title', { name: target.name })}
      description={t('description', { host: target.hostName })}
      form={form}
      message={form.errors.name ? null : form.message}
      label={t('submit')}
      disabled={name.trim() === '' || name === target.name}
      onSubmit={async () => {
        const done = await form.submit(() => renameContainerAction({ hostId: target.hostId, containerId: target.id, name }));
        if (!done) return;
        toast.success(done.data.message);
        await refresh(target.hostId);
        onClose();
      }}
    >
      <TextField label={t('newName')} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} autoFocus autoComplete="off" />
    </FormDialog>
  );
}

export function RemoveContainerDialog({ target, running, onClose, afterRemove }: { target: ContainerTarget; running: boolean; onClose: () => void; afterRemove?: string }) {
  const t = useTranslations('containers.remove');
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [force, setForce] = useState(running);
  const form = useActionForm({ fields: [], report: 'inline' });
  const refresh = useRefreshContainers();
  const router = useRouter();
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('title', { name: target.name })}
      description={t('description', { host: target.hostName })}
      form={form}
      label={t('submit')}
      danger
      onSubmit={async () => {
        const done = await form.submit(() => removeContainerAction({ hostId: target.hostId, containerId: target.id, removeVolumes, force }));
        if (!done) return;
        toast.success(done.data.message);
        await refresh(target.hostId);
        onClose();
        if (afterRemove) router.push(afterRemove);
      }}
    >
      <RemoveChoices removeVolumes={removeVolumes} setRemoveVolumes={setRemoveVolumes} force={force} setForce={setForce} labels={{ volumes: t('volumes'), force: t('force') }} />
    </FormDialog>
  );
}

/** What removing also does: anonymous volumes, and killing a running container first (one container or several). */
export function RemoveChoices({ removeVolumes, setRemoveVolumes, force, setForce, labels }: { removeVolumes: boolean; setRemoveVolumes: (v: boolean) => void; force: boolean; setForce: (v: boolean) => void; labels: { volumes: string; force: string } }) {
  return (
    <>
      <CheckboxField label={labels.volumes} checked={removeVolumes} onChange={setRemoveVolumes} />
      <CheckboxField label={labels.force} checked={force} onChange={setForce} />
    </>
  );
}

/** Recreate from its own configuration, optionally pulling its image first; on its page (`openNew`), the new container's page follows. */
export function RecreateContainerDialog({ target, onClose, openNew = false }: { target: ContainerTarget; onClose: () => void; openNew?: boolean }) {
  const t = useTranslations('containers.recreate');
  const [pull, setPull] = useState(false);
  const form = useActionForm({ fields: [], report: 'inline' });
  const refresh = useRefreshContainers();
  const router = useRouter();
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('title', { name: target.name })}
      description={t('description', { name: target.name, host: target.hostName })}
      form={form}
      label={t('submit')}
      danger
      onSubmit={async () => {
        const done = await form.submit(() => recreateAsIsAction({ hostId: target.hostId, containerId: target.id, pull }));
        if (!done) return;
        toast.success(done.data.message);
        await refresh(target.hostId);
        onClose();
        if (openNew) router.push(`/containers/${encodeURIComponent(target.hostId)}/${encodeURIComponent(done.data.containerId)}`);
      }}
    >
      <CheckboxField label={t('pull')} checked={pull} onChange={setPull} />
    </FormDialog>
  );
}
