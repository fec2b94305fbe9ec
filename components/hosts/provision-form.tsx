'use client';
// Provision a host: choose a driver (an existing machine over SSH, a local sandbox, a DigitalOcean
// droplet), give what it needs, start the run and follow it on its own page. Field errors from
// the action land next to their field.
import { useQueryClient } from '@tanstack/react-query';
import { Cloud, RefreshCw } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { Button, ButtonLink } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { FormError, SelectField, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { startProvisionAction } from '@/lib/actions/provision.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useCloudCredentials, useDigitalOceanCatalogue } from '@/lib/queries/use-provision.ts';
import type { CloudCredentialView } from '@/lib/services/hosts/cloud/cloud-credentials.ts';
import { DRIVERS, type DriverName } from '@/lib/models/hosts/provision-plan.ts';
import { cn } from '@/lib/ui/cn.ts';
import { PemField } from './host-form.tsx';
import { describeRegion, describeSize, fitsImage, imagesByDistribution, sizesInRegion } from './provision-format.ts';
import { useSay } from './use-say.ts';

const FIELDS = ['name', 'description', 'address', 'port', 'username', 'privateKey', 'credentialId', 'region', 'size', 'image'] as const;


type Values = {
  driver: DriverName; name: string; description: string; address: string; port: string; username: string; privateKey: string;
  credentialId: string; region: string; size: string; image: string;
};

function toInput(v: Values) {
  const common = { name: v.name, description: v.description };
  if (v.driver === 'generic') return { ...common, driver: v.driver, address: v.address, port: v.port || undefined, username: v.username || undefined, privateKey: v.privateKey };
  if (v.driver === 'local') return { ...common, driver: v.driver };
  return { ...common, driver: v.driver, credentialId: v.credentialId, region: v.region, size: v.size, image: v.image };
}

function DriverChoice({ value, onChange }: { value: DriverName; onChange: (driver: DriverName) => void }) {
  const id = useId();
  const t = useTranslations('provisioning');
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-sm font-medium">{t('form.where')}</legend>
      <div className="grid grid-cols-3 gap-2" role="radiogroup" aria-label={t('form.driver')}>
        {DRIVERS.map((driver) => (
          <label
            key={driver}
            className={cn('flex cursor-pointer flex-col gap-1 rounded-md border p-3 focus-within:ring-2 focus-within:ring-accent', value === driver ? 'border-accent bg-accent/5' : 'border-border bg-surface hover:bg-surface-2')}
          >
            <span className="flex items-center gap-2 font-medium">
              <input
                type="radio"
                name="driver"
                value={driver}
                checked={value === driver}
                onChange={() => onChange(driver)}
                aria-labelledby={`${id}-${driver}`}
                aria-describedby={`${id}-${driver}-hint`}
              />
              <span id={`${id}-${driver}`}>{t(`drivers.${driver}`)}</span>
            </span>
            <span id={`${id}-${driver}-hint`} className="text-xs text-muted">
              {t(`form.driverHints.${driver}.does`)} <span className="text-fg">{t(`form.driverHints.${driver}.needs`)}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function NoCloudAccount({ canManageCloud }: { canManageCloud: boolean }) {
  const t = useTranslations('provisioning.form.noAccount');
  return (
    <EmptyState
      icon={<Cloud className="size-8" />}
      title={t('title')}
      action={
        <ButtonLink href="/hosts/cloud-accounts">
          <Cloud className="size-4" aria-hidden /> {canManageCloud ? t('add') : t('see')}
        </ButtonLink>
      }
    >
      {canManageCloud ? t('textManage') : t('textAsk')}
    </EmptyState>
  );
}

function DigitalOceanFields({
  values,
  set,
  errors,
  credentials,
}: {
  values: Values;
  set: (patch: Partial<Values>) => void;
  errors: Record<string, string[] | undefined>;
  credentials: CloudCredentialView[];
}) {
  const t = useTranslations('provisioning.form');
  const say = useSay();
  const catalogue = useDigitalOceanCatalogue(values.credentialId || null);
  const data = catalogue.data;
  const sizes = data ? sizesInRegion(data.sizes, values.region) : [];
  const groups = data ? imagesByDistribution(data.images, values.region) : [];
  const size = sizes.find((s) => s.slug === values.size);
  const image = data?.images.find((i) => i.slug === values.image);
  const tooSmall = !fitsImage(size, image) ? t('tooSmall', { image: image?.name ?? '', disk: image?.minDiskSize ?? 0 }) : undefined;

  const chooseRegion = (region: string) => {
    if (!data) return set({ region });
    const keepSize = sizesInRegion(data.sizes, region).some((s) => s.slug === values.size);
    const keepImage = imagesByDistribution(data.images, region).some(([, list]) => list.some((i) => i.slug === values.image));
    set({ region, size: keepSize ? values.size : '', image: keepImage ? values.image : '' });
  };

  return (
    <>
      <SelectField
        label={t('account')}
        name="credentialId"
        value={values.credentialId}
        onChange={(e) => set({ credentialId: e.target.value, region: '', size: '', image: '' })}
        error={errors.credentialId}
        hint={t.rich('accountHint', { link: (chunks) => <Link href="/hosts/cloud-accounts" className="text-accent underline">{chunks}</Link> })}
      >
        {credentials.map((c) => (
          <option key={c.id} value={c.id}>
            {t('accountOption', { name: c.name, hint: c.tokenHint })}
          </option>
        ))}
      </SelectField>

      {catalogue.isPending && values.credentialId ? (
        <p role="status" className="text-sm text-muted">
          {t('reading')}
        </p>
      ) : catalogue.isError ? (
        <div role="alert" className="flex items-center justify-between gap-3 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          <span>{t('readFailed', { message: catalogue.error.message })}</span>
          <Button size="sm" variant="secondary" className="shrink-0" onClick={() => void catalogue.refetch()} busy={catalogue.isFetching}>
            <RefreshCw className="size-3.5" aria-hidden /> {t('tryAgain')}
          </Button>
        </div>
      ) : data ? (
        <>
          <SelectField label={t('region')} name="region" value={values.region} onChange={(e) => chooseRegion(e.target.value)} error={errors.region}>
            <option value="">{t('chooseRegion')}</option>
            {data.regions.map((r) => (
              <option key={r.slug} value={r.slug}>
                {describeRegion(r)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('sizeLabel')}
            name="size"
            value={values.size}
            onChange={(e) => set({ size: e.target.value })}
            error={errors.size ?? tooSmall}
            disabled={!values.region}
            hint={values.region ? t('sizeHint') : t('regionFirstHint')}
          >
            <option value="">{values.region ? t('chooseSize') : t('regionFirst')}</option>
            {sizes.map((s) => (
              <option key={s.slug} value={s.slug}>
                {say(describeSize(s))}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('imageLabel')}
            name="image"
            value={values.image}
            onChange={(e) => set({ image: e.target.value })}
            error={errors.image}
            disabled={!values.region}
            hint={t('imageHint')}
          >
            <option value="">{values.region ? t('chooseImage') : t('regionFirst')}</option>
            {groups.map(([distribution, images]) => (
              <optgroup key={distribution} label={distribution}>
                {images.map((i) => (
                  <option key={i.slug} value={i.slug}>
                    {distribution} {i.name} ({i.slug})
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        </>
      ) : null}
    </>
  );
}

export function ProvisionForm({
  initialCredentials,
  canManageCloud,
  initialDriver = 'generic',
  localProblems = [],
}: {
  initialCredentials: CloudCredentialView[];
  canManageCloud: boolean;
  initialDriver?: DriverName;
  /** Why this console cannot run local sandboxes (not root, programs missing); empty when it can. */
  localProblems?: string[];
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const t = useTranslations('provisioning.form');
  const { data: credentials = [] } = useCloudCredentials(initialCredentials);
  const [values, setValues] = useState<Values>(() => ({
    driver: initialDriver, name: '', description: '', address: '', port: '22', username: 'root', privateKey: '',
    credentialId: initialCredentials[0]?.id ?? '', region: '', size: '', image: '',
  }));
  const form = useActionForm({ fields: FIELDS, report: 'inline' });
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const err = (field: (typeof FIELDS)[number]) => form.errors[field];

  // An account saved in another tab (or removed) since the page was rendered.
  const credentialId = credentials.some((c) => c.id === values.credentialId) ? values.credentialId : (credentials[0]?.id ?? '');
  if (credentialId !== values.credentialId) set({ credentialId, region: '', size: '', image: '' });

  const noAccount = values.driver === 'digitalocean' && credentials.length === 0;

  return (
    <Form
      className="flex max-w-3xl flex-col gap-5"
      onSubmit={async () => {
        const done = await form.submit(() => startProvisionAction(toInput(values)));
        if (!done) return;
        toast.success(t('started', { name: values.name }));
        await queryClient.invalidateQueries({ queryKey: queryKeys.provisionJobs, exact: true });
        router.push(`/hosts/provision/${done.data.jobId}`);
      }}
    >
      <DriverChoice value={values.driver} onChange={(driver) => { set({ driver }); form.setErrors({}); }} />

      {values.driver === 'local' && localProblems.length > 0 && (
        <div role="status" aria-label={t('localUnavailable')} className="rounded-lg border border-warn/40 bg-warn/10 p-3 text-sm text-warn">
          <strong>{t('localCannot')}</strong>
          <ul className="list-disc pl-5">
            {localProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}

      {noAccount ? (
        <NoCloudAccount canManageCloud={canManageCloud} />
      ) : (
        <>
          <div className="grid grid-cols-2 gap-3">
            <TextField
              label={t('name')}
              name="name"
              value={values.name}
              onChange={(e) => set({ name: e.target.value })}
              error={err('name')}
              maxLength={63}
              required
              autoComplete="off"
              hint={values.driver === 'digitalocean' ? t('nameHintDroplet') : t('nameHint')}
            />
            <TextField label={t('description')} name="description" value={values.description} onChange={(e) => set({ description: e.target.value })} error={err('description')} maxLength={500} />
          </div>

          {values.driver === 'generic' && (
            <>
              <div className="grid grid-cols-[1fr_8rem] gap-3">
                <TextField label={t('address')} name="address" value={values.address} onChange={(e) => set({ address: e.target.value })} error={err('address')} placeholder={t('addressPlaceholder')} maxLength={253} autoComplete="off" hint={t('addressHint')} />
                <TextField label={t('sshPort')} name="port" inputMode="numeric" value={values.port} onChange={(e) => set({ port: e.target.value })} error={err('port')} placeholder="22" maxLength={5} />
              </div>
              <TextField label={t('sshUser')} name="username" value={values.username} onChange={(e) => set({ username: e.target.value })} error={err('username')} maxLength={32} autoComplete="off" hint={t('sshUserHint')} />
              <PemField label={t('privateKey')} name="privateKey" value={values.privateKey} onChange={(text) => set({ privateKey: text })} error={err('privateKey')} keep={false} />
              <p className="-mt-3 text-xs text-muted">{t('keyHint')}</p>
            </>
          )}

          {values.driver === 'local' && (
            <p className="rounded-md border border-border bg-surface-2 px-3 py-2 text-sm text-muted">
              {t('localText')}
            </p>
          )}

          {values.driver === 'digitalocean' && <DigitalOceanFields values={values} set={set} errors={form.errors} credentials={credentials} />}
        </>
      )}

      <FormError message={form.message} />

      <div className="flex gap-2">
        <Button type="submit" busy={form.busy} disabled={noAccount}>
          {t('submit')}
        </Button>
        <Button variant="ghost" onClick={() => router.back()} disabled={form.busy}>
          {t('cancel')}
        </Button>
      </div>
    </Form>
  );
}
