'use client';
// Renaming and removing a container: the dialogs, their server actions, toasts and refreshes.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { FormError, TextField } from '@/components/ui/field.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { removeContainerAction, renameContainerAction } from '@/lib/actions/containers.ts';
import { useRefreshContainers, type ContainerTarget } from './use-container-commands.ts';

export function RenameContainerDialog({ target, onClose }: { target: ContainerTarget; onClose: () => void }) {
  const [name, setName] = useState(target.name);
  const form = useActionForm({ fields: ['name'], report: 'inline' });
  const refresh = useRefreshContainers();
  return (
    <Dialog open onOpenChange={(open) => !open && !form.busy && onClose()} title={`Rename ${target.name}`} description={`On ${target.hostName}.`}>
      <form
        className="flex flex-col gap-4"
        onSubmit={async (event) => {
          event.preventDefault();
          const done = await form.submit(() => renameContainerAction({ hostId: target.hostId, containerId: target.id, name }));
          if (!done) return;
          toast.success(done.data.message);
          await refresh(target.hostId);
          onClose();
        }}
      >
        <TextField label="New name" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} autoFocus autoComplete="off" />
        <FormError message={form.errors.name ? null : form.message} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={form.busy}>
            Cancel
          </Button>
          <Button type="submit" busy={form.busy} disabled={name.trim() === '' || name === target.name}>
            Rename
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function RemoveContainerDialog({ target, running, onClose, afterRemove }: { target: ContainerTarget; running: boolean; onClose: () => void; afterRemove?: string }) {
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [force, setForce] = useState(running);
  const form = useActionForm({ fields: [], report: 'inline' });
  const refresh = useRefreshContainers();
  const router = useRouter();
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && !form.busy && onClose()}
      title={`Remove container ${target.name}?`}
      description={`It is deleted from ${target.hostName}, with its writable layer. This cannot be undone.`}
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={async (event) => {
          event.preventDefault();
          const done = await form.submit(() => removeContainerAction({ hostId: target.hostId, containerId: target.id, removeVolumes, force }));
          if (!done) return;
          toast.success(done.data.message);
          await refresh(target.hostId);
          onClose();
          if (afterRemove) router.push(afterRemove);
        }}
      >
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" checked={removeVolumes} onChange={(e) => setRemoveVolumes(e.target.checked)} className="mt-0.5" />
          <span>Also remove its anonymous volumes (named volumes are kept)</span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} className="mt-0.5" />
          <span>Kill it first if it is running</span>
        </label>
        <FormError message={form.message} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={form.busy}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" busy={form.busy}>
            Remove container
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
