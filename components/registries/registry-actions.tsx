'use client';
// A registry's Edit and Remove. Removing first shows which stacks take images from it (they keep
// running; their next pulls have no credentials), then asks for the registry's name.
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmByTyping } from '@/components/ui/confirm-by-typing.tsx';
import { Dialog, useOneDialog } from '@/components/ui/dialog.tsx';
import { removeRegistryAction } from '@/lib/actions/registries.ts';
import type { RegistryView } from '@/lib/models/registries/registry-views.ts';
import { fetchJson } from '@/lib/queries/fetch-json.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import type { RegistryUsage } from '@/lib/services/registries/registry-usage.ts';
import { RegistryForm } from './registry-form.tsx';

function UsageList({ registryId, open }: { registryId: string; open: boolean }) {
  const usage = useQuery({ queryKey: queryKeys.registryUsage(registryId), queryFn: ({ signal }) => fetchJson<RegistryUsage>(`/api/registries/${registryId}/usage`, signal), enabled: open });
  if (usage.isPending) return <p role="status">Looking for stacks that use it…</p>;
  if (!usage.data) return <p role="alert">Which stacks use it could not be read: {usage.error?.message}</p>;
  if (usage.data.stacks.length === 0) return <p>No stack takes images from this registry.</p>;
  return (
    <div>
      <p>These stacks take images from it; they keep running, but their next pulls go without its credentials:</p>
      <ul aria-label="Stacks using this registry" className="mt-1 list-disc pl-5">
        {usage.data.stacks.map((s) => (
          <li key={`${s.swarmId}/${s.stackName}`}>
            {s.stackName} (services {s.services.join(', ')})
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RegistryActions({ registry }: { registry: RegistryView }) {
  const router = useRouter();
  const dialogs = useOneDialog<'edit' | 'remove'>();
  return (
    <div className="flex gap-2">
      <Button variant="secondary" onClick={() => dialogs.open('edit')}>
        Edit
      </Button>
      <Button variant="danger" onClick={() => dialogs.open('remove')}>
        Remove
      </Button>
      <Dialog {...dialogs.bind('edit')} title={`Edit ${registry.name}`} description="Leave the password empty to keep the saved one.">
        <RegistryForm
          current={registry}
          onSaved={() => {
            dialogs.open(null);
            router.refresh();
          }}
        />
      </Dialog>
      <ConfirmByTyping
        {...dialogs.bind('remove')}
        title={`Remove ${registry.name}`}
        name={registry.name}
        consequence="Wharf forgets this registry and its credentials, and the grants on it. Nothing in the registry itself changes."
        confirmLabel="Remove registry"
        onConfirm={async () => {
          const result = await removeRegistryAction({ registryId: registry.id });
          if (!result.ok) return result.error.message;
          toast.success(`Removed ${registry.name}`);
          router.push('/registries');
          return null;
        }}
      >
        <UsageList registryId={registry.id} open={dialogs.bind('remove').open} />
      </ConfirmByTyping>
    </div>
  );
}
