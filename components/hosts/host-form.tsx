'use client';
// Add or edit a host: unix socket, TCP with TLS (paste or upload the PEM files), or SSH with a
// private key. The connection is tested before anything is saved; errors land on their field.
import { useQueryClient } from '@tanstack/react-query';
import { CheckCircle2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type ChangeEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { FormError, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { registerHostAction, testHostConnectionAction, updateHostAction } from '@/lib/actions/hosts.ts';
import type { FieldErrors } from '@/lib/errors.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { parseAddress } from '@/lib/models/hosts/connection-spec.ts';
import type { EngineFacts } from '@/lib/models/hosts/engine-facts.ts';

type Transport = 'unix' | 'tcp' | 'ssh';
type Values = {
  name: string; description: string; transport: Transport; socketPath: string; host: string; port: string;
  ca: string; cert: string; key: string; username: string; privateKey: string; passphrase: string; trustNewHostKey: boolean;
};

const TRANSPORTS: { value: Transport; label: string; hint: string }[] = [
  { value: 'unix', label: 'Unix socket', hint: 'An engine on this machine, e.g. /var/run/docker.sock' },
  { value: 'tcp', label: 'TCP with TLS', hint: 'dockerd -H tcp://…:2376 --tlsverify; needs ca.pem, cert.pem and key.pem' },
  { value: 'ssh', label: 'SSH', hint: 'ssh://user@host; the user must be able to run docker there' },
];

function initialValues(host?: HostView): Values {
  const base: Values = { name: '', description: '', transport: 'unix', socketPath: '/var/run/docker.sock', host: '', port: '', ca: '', cert: '', key: '', username: 'root', privateKey: '', passphrase: '', trustNewHostKey: false };
  if (!host) return base;
  const parts = parseAddress(host.transport, host.address);
  return {
    ...base,
    name: host.name,
    description: host.description ?? '',
    transport: host.transport,
    socketPath: parts.socketPath ?? base.socketPath,
    host: parts.host ?? '',
    port: parts.port ? String(parts.port) : '',
    username: parts.username ?? base.username,
  };
}

function toInput(v: Values) {
  const common = { name: v.name, description: v.description, transport: v.transport };
  if (v.transport === 'unix') return { ...common, socketPath: v.socketPath };
  if (v.transport === 'tcp') return { ...common, host: v.host, port: v.port || undefined, ca: v.ca, cert: v.cert, key: v.key };
  return { ...common, host: v.host, port: v.port || undefined, username: v.username, privateKey: v.privateKey, passphrase: v.passphrase, trustNewHostKey: v.trustNewHostKey };
}

export function PemField({ label, name, value, onChange, error, keep }: { label: string; name: string; value: string; onChange: (text: string) => void; error?: string[]; keep: boolean }) {
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) onChange((await file.text()).slice(0, 20_000));
    event.target.value = '';
  };
  return (
    <div className="flex flex-col gap-1.5">
      <TextAreaField label={label} name={name} rows={4} value={value} onChange={(e) => onChange(e.target.value)} error={error} hint={keep ? 'Leave blank to keep the stored one.' : 'Paste the PEM text, or load it from a file.'} placeholder="-----BEGIN …-----" />
      <label className="self-start text-xs text-accent">
        <span className="cursor-pointer underline">Load {label.toLowerCase()} from a file</span>
        <input type="file" className="sr-only" aria-label={`Load ${label.toLowerCase()} from a file`} onChange={upload} accept=".pem,.crt,.key,.cert,text/plain,*" />
      </label>
    </div>
  );
}

export function HostForm({ host }: { host?: HostView }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const editing = !!host;
  const [values, setValues] = useState<Values>(() => initialValues(host));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [tested, setTested] = useState<EngineFacts | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setTested(null);
  };
  const err = (field: string) => errors[field];

  const fail = (error: { message: string; fieldErrors?: FieldErrors }) => {
    setErrors(error.fieldErrors ?? {});
    // Said once: a message already shown at its field (a bad socket path) is not repeated above the buttons.
    setMessage(Object.values(error.fieldErrors ?? {}).some((list) => list?.includes(error.message)) ? null : error.message);
  };

  return (
    <Form
      className="flex max-w-2xl flex-col gap-5"
      onSubmit={async () => {
        setBusy('save');
        setMessage(null);
        setErrors({});
        const input = toInput(values);
        const result = editing ? await updateHostAction({ ...input, id: host!.id }) : await registerHostAction(input);
        setBusy(null);
        if (!result.ok) return fail(result.error);
        toast.success(editing ? `Saved ${values.name}` : `Added ${values.name}`);
        const id = editing ? host!.id : (result.data as { id: string }).id;
        // Our own change: refresh its data now rather than wait for the live event.
        await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.host(id) }), queryClient.invalidateQueries({ queryKey: queryKeys.hostList })]);
        router.push(`/hosts/${id}`);
        router.refresh();
      }}
    >
      <TextField label="Name" name="name" value={values.name} onChange={(e) => set('name', e.target.value)} error={err('name')} maxLength={63} required autoFocus hint="How this host is called in Wharf, e.g. prod-1." />
      <TextField label="Description (optional)" name="description" value={values.description} onChange={(e) => set('description', e.target.value)} error={err('description')} maxLength={500} />

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium">Connection</legend>
        <div className="grid grid-cols-3 gap-2" role="radiogroup" aria-label="Connection">
          {TRANSPORTS.map((t) => (
            <label key={t.value} className={`flex cursor-pointer flex-col gap-1 rounded-md border p-3 ${values.transport === t.value ? 'border-accent bg-accent/5' : 'border-border bg-surface'}`}>
              <span className="flex items-center gap-2 font-medium">
                <input type="radio" name="transport" value={t.value} checked={values.transport === t.value} onChange={() => set('transport', t.value)} />
                {t.label}
              </span>
              <span className="text-xs text-muted">{t.hint}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {values.transport === 'unix' && (
        <TextField label="Socket path" name="socketPath" value={values.socketPath} onChange={(e) => set('socketPath', e.target.value)} error={err('socketPath')} maxLength={107} className="font-mono" />
      )}

      {values.transport !== 'unix' && (
        <div className="grid grid-cols-[1fr_8rem] gap-3">
          <TextField label="Address" name="host" value={values.host} onChange={(e) => set('host', e.target.value)} error={err('host')} placeholder="10.0.0.5 or docker1.example.com" maxLength={253} />
          <TextField label="Port" name="port" inputMode="numeric" value={values.port} onChange={(e) => set('port', e.target.value)} error={err('port')} placeholder={values.transport === 'tcp' ? '2376' : '22'} maxLength={5} />
        </div>
      )}

      {values.transport === 'tcp' && (
        <>
          <PemField label="CA certificate" name="ca" value={values.ca} onChange={(t) => set('ca', t)} error={err('ca')} keep={editing} />
          <PemField label="Client certificate" name="cert" value={values.cert} onChange={(t) => set('cert', t)} error={err('cert')} keep={editing} />
          <PemField label="Client key" name="key" value={values.key} onChange={(t) => set('key', t)} error={err('key')} keep={editing} />
        </>
      )}

      {values.transport === 'ssh' && (
        <>
          <TextField label="SSH user" name="username" value={values.username} onChange={(e) => set('username', e.target.value)} error={err('username')} maxLength={32} />
          <PemField label="Private key" name="privateKey" value={values.privateKey} onChange={(t) => set('privateKey', t)} error={err('privateKey')} keep={editing} />
          <TextField label="Key passphrase (if any)" name="passphrase" type="password" autoComplete="off" value={values.passphrase} onChange={(e) => set('passphrase', e.target.value)} error={err('passphrase')} />
          {editing && host?.sshHostKey && (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" checked={values.trustNewHostKey} onChange={(e) => set('trustNewHostKey', e.target.checked)} className="mt-1" />
              <span>
                Trust a new SSH host key (the pinned key is <span className="font-mono text-xs">{host.sshHostKey}</span>). Only tick this if the machine was rebuilt.
              </span>
            </label>
          )}
        </>
      )}

      <FormError message={message} />
      {tested && (
        <div role="status" className="flex items-start gap-2 rounded-md border border-ok/40 bg-ok/10 px-3 py-2 text-sm text-ok">
          <CheckCircle2 className="mt-0.5 size-4" aria-hidden />
          <span>
            Connected to <strong>{tested.name}</strong>: Docker {tested.engineVersion} (API {tested.apiVersion}), {tested.containers.running} containers running.
          </span>
        </div>
      )}
      {busy === 'save' && <p className="text-xs text-muted" role="status">Testing the connection (up to 5 seconds)…</p>}

      <div className="flex gap-2">
        <Button type="submit" busy={busy === 'save'} disabled={busy !== null}>
          {editing ? 'Save changes' : 'Add host'}
        </Button>
        {!editing && (
          <Button
            variant="secondary"
            busy={busy === 'test'}
            disabled={busy !== null}
            onClick={async () => {
              setBusy('test');
              setMessage(null);
              setErrors({});
              const result = await testHostConnectionAction(toInput(values));
              setBusy(null);
              if (!result.ok) return fail(result.error);
              setTested(result.data.facts);
            }}
          >
            Test connection
          </Button>
        )}
        <Button variant="ghost" onClick={() => router.back()} disabled={busy !== null}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}
