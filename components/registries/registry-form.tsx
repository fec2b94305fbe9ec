'use client';
// A registry's settings: a preset or a kind, the address (filled by Docker Hub and the presets that
// have one), plain HTTP only when asked, a CA for TLS, and the credentials. "Test connection" runs
// the same check as saving, without saving. The saved secret is never shown: empty keeps it.
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { FormError, SelectField, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { CheckboxField } from '@/components/directory/directory-form-parts.tsx';
import { addRegistryAction, testRegistryAction, updateRegistryAction } from '@/lib/actions/registries.ts';
import { PRESET_DEFAULTS, REGISTRY_KIND_LABELS, REGISTRY_PRESETS, type RegistryKind, type RegistryPreset } from '@/lib/models/registries/registry-kinds.ts';
import type { RegistryView } from '@/lib/models/registries/registry-views.ts';

const FIELDS = ['name', 'kind', 'preset', 'address', 'plainHttp', 'caCert', 'username', 'secret'] as const;
const KINDS: RegistryKind[] = ['v2-basic', 'v2-bearer', 'dockerhub'];

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
  };
}

export function RegistryForm({ current, onSaved }: { current: RegistryView | null; onSaved: (view: RegistryView) => void }) {
  const form = useActionForm({ fields: FIELDS, report: 'inline' });
  const [kind, setKind] = useState<RegistryKind>(current?.kind ?? 'v2-basic');
  const [preset, setPreset] = useState<RegistryPreset | ''>(current?.preset ?? '');
  const [address, setAddress] = useState(current?.address ?? '');
  const hub = kind === 'dockerhub';
  return (
    <Form
      aria-label="Registry settings"
      onSubmit={async (event) => {
        const settings = readSettings(event.currentTarget);
        const done = await form.submit(() => (current ? updateRegistryAction({ registryId: current.id, settings }) : addRegistryAction(settings)));
        if (!done) return;
        toast.success(`Saved ${done.data.name}: the connection test passed.`);
        onSaved(done.data);
      }}
    >
      <TextField label="Name" name="name" defaultValue={current?.name} required maxLength={60} autoComplete="off" error={form.errors.name} />
      <div className="grid grid-cols-2 gap-4">
        <SelectField
          label="Preset"
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
          <option value="">None</option>
          {REGISTRY_PRESETS.map((p) => (
            <option key={p} value={p}>
              {PRESET_DEFAULTS[p].label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as RegistryKind)} error={form.errors.kind}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {REGISTRY_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
      </div>
      {!hub && (
        <TextField
          label="Address"
          name="address"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder="registry.example.com:5000"
          hint="As image names start with it: a host name or IP address, and the port if it is not 443."
          autoComplete="off"
          error={form.errors.address}
        />
      )}
      {!hub && <CheckboxField label="Plain HTTP (no TLS)" name="plainHttp" defaultChecked={current?.plainHttp ?? false} hint="Only for a registry that has no TLS; the password then crosses the network readable." error={form.errors.plainHttp} />}
      {!hub && (
        <TextAreaField
          label="CA certificate (optional)"
          name="caCert"
          rows={3}
          placeholder={current?.hasCaCert ? 'Saved (paste another to replace it)' : '-----BEGIN CERTIFICATE-----'}
          hint="The PEM certificate of the CA that signed the registry's certificate, when it is not a public one."
          error={form.errors.caCert}
        />
      )}
      <div className="grid grid-cols-2 gap-4">
        <TextField label="User name" name="username" defaultValue={current?.username ?? ''} autoComplete="off" hint={hub ? 'Empty for anonymous pulls.' : undefined} error={form.errors.username} />
        <TextField
          label="Password or access token"
          name="secret"
          type="password"
          autoComplete="new-password"
          placeholder={current?.hasSecret ? 'Saved (leave empty to keep)' : ''}
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
            if (await form.submit(() => testRegistryAction({ registryId: current?.id ?? null, settings: readSettings(element) }))) toast.success('The registry answered and accepted the credentials.');
          }}
        >
          Test connection
        </Button>
        <Button type="submit" busy={form.busy}>
          {current ? 'Save registry' : 'Add registry'}
        </Button>
      </div>
    </Form>
  );
}
