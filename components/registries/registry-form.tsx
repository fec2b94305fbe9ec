'use client';
// A registry's settings: a preset or a kind, the address (filled by Docker Hub and the presets that
// have one), plain HTTP only when asked, a CA for TLS, and the credentials (for Amazon ECR: the
// region and a key pair; its address comes from ECR). "Test connection" runs
// the same check as saving, without saving. The saved secret is never shown: empty keeps it.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { FormError, SelectField, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { CheckboxField } from '@/components/directory/directory-form-parts.tsx';
import { addRegistryAction, testRegistryAction, updateRegistryAction } from '@/lib/actions/registries.ts';
import { PRESET_DEFAULTS, REGISTRY_PRESETS, type RegistryKind, type RegistryPreset } from '@/lib/models/registries/registry-kinds.ts';
import type { RegistryView } from '@/lib/models/registries/registry-views.ts';

const FIELDS = ['name', 'kind', 'preset', 'address', 'plainHttp', 'caCert', 'username', 'secret', 'region'] as const;
const KINDS: RegistryKind[] = ['v2-basic', 'v2-bearer', 'dockerhub', 'ecr'];
const REGION_PLACEHOLDER = 'eu-west-1';
const PEM_PLACEHOLDER = '-----BEGIN CERTIFICATE-----';
const ADDRESS_PLACEHOLDER = 'registry.example.com:5000';

function readSettings(element: HTMLFormElement) {
  const data = new FormData(element);
  const text = (name: string) => String(data.get(name) ?? '');
  return {
    name: text('name'),
    kind: text('kind'),
    preset: text('preset') || null,
    address: text('address'),
    plainHttp: data.get('plainHttp') === 'on',
    caCert: text('caCert'),
    username: text('username'),
    secret: text('secret'),
    region: text('region'),
  };
}

export function RegistryForm({ current, onSaved }: { current: RegistryView | null; onSaved: (view: RegistryView) => void }) {
  const t = useTranslations('registries');
  const form = useActionForm({ fields: FIELDS, report: 'inline' });
  const [kind, setKind] = useState<RegistryKind>(current?.kind ?? 'v2-basic');
  const [preset, setPreset] = useState<RegistryPreset | ''>(current?.preset ?? '');
  const [address, setAddress] = useState(current?.address ?? '');
  const hub = kind === 'dockerhub';
  const ecr = kind === 'ecr';
  // Docker Hub and ECR give their own address (ECR's with its first token).
  const ownAddress = hub || ecr;
  return (
    <Form
      aria-label={t('form.label')}
      onSubmit={async (event) => {
        const settings = readSettings(event.currentTarget);
        const done = await form.submit(() => (current ? updateRegistryAction({ registryId: current.id, settings }) : addRegistryAction(settings)));
        if (!done) return;
        toast.success(t('form.saved', { name: done.data.name }));
        onSaved(done.data);
      }}
    >
      <TextField label={t('form.name')} name="name" defaultValue={current?.name} required maxLength={60} autoComplete="off" error={form.errors.name} />
      <div className="grid grid-cols-2 gap-4">
        <SelectField
          label={t('form.preset')}
          name="preset"
          value={preset}
          onChange={(e) => {
            const next = e.target.value as RegistryPreset | '';
            setPreset(next);
            if (next) {
              setKind(PRESET_DEFAULTS[next].kind);
              setAddress(PRESET_DEFAULTS[next].address ?? '');
            }
          }}
          error={form.errors.preset}
        >
          <option value="">{t('form.presetNone')}</option>
          {REGISTRY_PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`presets.${p}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('form.kind')} name="kind" value={kind} onChange={(e) => setKind(e.target.value as RegistryKind)} error={form.errors.kind}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {ecr && (
        <TextField
          label={t('form.region')}
          name="region"
          defaultValue={current?.region ?? ''}
          placeholder={REGION_PLACEHOLDER}
          hint={t('form.regionHint')}
          autoComplete="off"
          required
          error={form.errors.region}
        />
      )}
      {!ownAddress && (
        <TextField
          label={t('form.address')}
          name="address"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder={ADDRESS_PLACEHOLDER}
          hint={t('form.addressHint')}
          autoComplete="off"
          error={form.errors.address}
        />
      )}
      {!ownAddress && <CheckboxField label={t('form.plainHttp')} name="plainHttp" defaultChecked={current?.plainHttp ?? false} hint={t('form.plainHttpHint')} error={form.errors.plainHttp} />}
      {!ownAddress && (
        <TextAreaField
          label={t('form.caCert')}
          name="caCert"
          rows={3}
          placeholder={current?.hasCaCert ? t('form.caCertSaved') : PEM_PLACEHOLDER}
          hint={t('form.caCertHint')}
          error={form.errors.caCert}
        />
      )}
      <div className="grid grid-cols-2 gap-4">
        <TextField label={ecr ? t('form.accessKeyId') : t('form.username')} name="username" defaultValue={current?.username ?? ''} autoComplete="off" hint={hub ? t('form.usernameHubHint') : undefined} error={form.errors.username} />
        <TextField
          label={ecr ? t('form.secretAccessKey') : t('form.secret')}
          name="secret"
          type="password"
          autoComplete="new-password"
          placeholder={current?.hasSecret ? t('form.secretSaved') : ''}
          error={form.errors.secret}
        />
      </div>
      <FormError message={form.message} />
      <div className="flex gap-2">
        <Button
          variant="secondary"
          busy={form.busy}
          onClick={async (event) => {
            const element = event.currentTarget.form;
            if (!element) return;
            if (await form.submit(() => testRegistryAction({ registryId: current?.id ?? null, settings: readSettings(element) }))) toast.success(t('form.tested'));
          }}
        >
          {t('form.test')}
        </Button>
        <Button type="submit" busy={form.busy}>
          {current ? t('form.save') : t('form.add')}
        </Button>
      </div>
    </Form>
  );
}
