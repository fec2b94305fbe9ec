'use client';
// A registry's Edit and Remove. Removing first shows which stacks take images from it (they keep
// running; their next pulls have no credentials), then asks for the registry's name.
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('registries.detail');
  const usage = useQuery({ queryKey: queryKeys.registryUsage(registryId), queryFn: ({ signal }) => fetchJson<RegistryUsage>(`/api/registries/${registryId}/usage`, signal), enabled: open });
  if (usage.isPending) return <p role="status">{t('usageWaiting')}</p>;
  if (!usage.data) return <p role="alert">{t('usageFailed', { message: usage.error?.message ?? '' })}</p>;
  if (usage.data.stacks.length === 0) return <p>{t('usageNone')}</p>;
  return (
    <div>
      <p>{t('usageSome')}</p>
      <ul aria-label={t('usageList')} className="mt-1 list-disc pl-5">
        {usage.data.stacks.map((s) => (
          <li key={`${s.swarmId}/${s.stackName}`}>
            {t('usageStack', { stack: s.stackName, services: s.services.join(', ') })}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RegistryActions({ registry }: { registry: RegistryView }) {
  const t = useTranslations('registries.detail');
  const router = useRouter();
  const dialogs = useOneDialog<'edit' | 'remove'>();
  const editing = dialogs.bind('edit');
  const removing = dialogs.bind('remove');
  return (
    <div className="flex gap-2">
      <Button variant="secondary" onClick={() => dialogs.open('edit')}>
        {t('edit')}
      </Button>
      <Button variant="danger" onClick={() => dialogs.open('remove')}>
        {t('remove')}
      </Button>
      <Dialog {...editing} title={t('editTitle', { name: registry.name })} description={t('editDescription')}>
        <RegistryForm
          current={registry}
          onSaved={() => {
            dialogs.open(null);
            router.refresh();
          }}
        />
      </Dialog>
      <ConfirmByTyping
        {...removing}
        title={t('removeTitle', { name: registry.name })}
        name={registry.name}
        consequence={t('removeConsequence')}
        confirmLabel={t('removeConfirm')}
        onConfirm={async () => {
          const result = await removeRegistryAction({ registryId: registry.id });
          if (!result.ok) return result.error.message;
          toast.success(t('removed', { name: registry.name }));
          router.push('/registries');
          return null;
        }}
      >
        <UsageList registryId={registry.id} open={removing.open} />
      </ConfirmByTyping>
    </div>
  );
}
