'use client';
// Creating a volume or a network on the host the page's picker chose: a labelled dialog (name,
// driver, driver options and labels one key=value a line; for a network its subnet, gateway,
// internal and attachable). The workload policy's findings land on the field they concern.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { FormDialog } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createHostNetworkAction, createHostVolumeAction } from '@/lib/actions/containers.ts';
import { NETWORK_DRIVERS } from '@/lib/models/containers/host-object-form.ts';
import { queryKeys } from '@/lib/queries/keys.ts';

type Kind = 'volumes' | 'networks';
const EMPTY = { name: '', driver: '', options: '', labels: '', subnet: '', gateway: '', internal: false, attachable: false };
const FLAGS = ['internal', 'attachable'] as const;

export function CreateHostObjectButton({ kind, hostId, hostName }: { kind: Kind; hostId: string; hostName: string }) {
  const t = useTranslations('containers.createObject');
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(EMPTY);
  const form = useActionForm({ fields: ['name', 'driver', 'options', 'labels', 'subnet', 'gateway'], report: 'inline' });
  const queryClient = useQueryClient();
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const isNetwork = kind === 'networks';
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t(`button.${kind}`)}</Button>
      <FormDialog
        open={open}
        onOpenChange={setOpen}
        onClosed={() => setValues(EMPTY)}
        title={t(`title.${kind}`, { host: hostName })}
        description={t(`description.${kind}`)}
        form={form}
        label={t(`create.${kind}`)}
        onSubmit={async () => {
          const common = { hostId, name: values.name, options: values.options, labels: values.labels };
          const done = isNetwork
            ? await form.submit(() => createHostNetworkAction({ ...common, driver: values.driver || 'bridge', subnet: values.subnet, gateway: values.gateway, internal: values.internal, attachable: values.attachable }))
            : await form.submit(() => createHostVolumeAction({ ...common, driver: values.driver || 'local' }));
          if (!done) return;
          toast.success(done.data.message);
          await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.hostResources(hostId, kind) }), queryClient.invalidateQueries({ queryKey: queryKeys.resourcesAll(kind) })]);
          setOpen(false);
        }}
      >
        <TextField label={t('name')} value={values.name} onChange={set('name')} error={form.errors.name} autoComplete="off" spellCheck={false} autoFocus />
        {isNetwork ? (
          <SelectField label={t('driver')} hint={t('networkDriverHint')} value={values.driver || 'bridge'} onChange={set('driver')} error={form.errors.driver}>
            {NETWORK_DRIVERS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField label={t('driver')} hint={t('volumeDriverHint')} value={values.driver} onChange={set('driver')} error={form.errors.driver} autoComplete="off" spellCheck={false} />
        )}
        {isNetwork && (
          <>
            <TextField label={t('subnet')} hint={t('subnetHint')} value={values.subnet} onChange={set('subnet')} error={form.errors.subnet} autoComplete="off" spellCheck={false} />
            <TextField label={t('gateway')} hint={t('gatewayHint')} value={values.gateway} onChange={set('gateway')} error={form.errors.gateway} autoComplete="off" spellCheck={false} />
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1 text-sm font-medium">{t('flags')}</legend>
              {FLAGS.map((flag) => (
                <label key={flag} className="flex items-start gap-2 text-sm">
                  <input type="checkbox" className="mt-1" checked={values[flag]} onChange={(e) => setValues((v) => ({ ...v, [flag]: e.target.checked }))} />
                  <span>
                    {t(`flag.${flag}.label`)}
                    <span className="block text-xs text-muted">{t(`flag.${flag}.hint`)}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          </>
        )}
        <TextAreaField label={t('options')} hint={t('optionsHint')} rows={3} value={values.options} onChange={set('options')} error={form.errors.options} spellCheck={false} />
        <TextAreaField label={t('labels')} hint={t('labelsHint')} rows={3} value={values.labels} onChange={set('labels')} error={form.errors.labels} spellCheck={false} />
      </FormDialog>
    </>
  );
}
