'use client';
// Add or edit a host: unix socket, TCP with TLS (paste or upload the PEM files), or SSH with a
// private key. The connection is tested before anything is saved; errors land on their field.
import { useQueryClient } from '@tanstack/react-query';
import { CheckCircle2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
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

const TRANSPORTS: Transport[] = ['unix', 'tcp', 'ssh'];
const PEM_PLACEHOLDER = '-----BEGIN …-----';

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
  const t = useTranslations('hosts.form');
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) onChange((await file.text()).slice(0, 20_000));
    event.target.value = '';
  };
  return (
    <div className="flex flex-col gap-1.5">
      <TextAreaField label={label} name={name} rows={4} value={value} onChange={(e) => onChange(e.target.value)} error={error} hint={keep ? t('pemKeep') : t('pemPaste')} placeholder={PEM_PLACEHOLDER} />
      <label className="self-start text-xs text-accent">
        <span className="cursor-pointer underline">{t('loadFile', { what: label.toLowerCase() })}</span>
        <input type="file" className="sr-only" aria-label={t('loadFile', { what: label.toLowerCase() })} onChange={upload} accept=".pem,.crt,.key,.cert,text/plain,*" />
      </label>
    </div>
  );
}

export function HostForm({ host }: { host?: HostView }) {
  const t = useTranslations('hosts.form');
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
        toast.success(editing ? t('saved', { name: values.name }) : t('added', { name: values.name }));
        const id = editing ? host!.id : (result.data as { id: string }).id;
        // Our own change: refresh its data now rather than wait for the live event.
        await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.host(id) }), queryClient.invalidateQueries({ queryKey: queryKeys.hostList })]);
        router.push(`/hosts/${id}`);
        router.refresh();
      }}
    >
      <TextField label={t('name')} name="name" value={values.name} onChange={(e) => set('name', e.target.value)} error={err('name')} maxLength={63} required autoFocus hint={t('nameHint')} />
      <TextField label={t('description')} name="description" value={values.description} onChange={(e) => set('description', e.target.value)} error={err('description')} maxLength={500} />

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium">{t('connection')}</legend>
        <div className="grid grid-cols-3 gap-2" role="radiogroup" aria-label={t('connection')}>
          {TRANSPORTS.map((transport) => (
            <label key={transport} className={`flex cursor-pointer flex-col gap-1 rounded-md border p-3 ${values.transport === transport ? 'border-accent bg-accent/5' : 'border-border bg-surface'}`}>
              <span className="flex items-center gap-2 font-medium">
                <input type="radio" name="transport" value={transport} checked={values.transport === transport} onChange={() => set('transport', transport)} />
                {t(`transports.${transport}.label`)}
              </span>
              <span className="text-xs text-muted">{t(`transports.${transport}.hint`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {values.transport === 'unix' && (
        <TextField label={t('socketPath')} name="socketPath" value={values.socketPath} onChange={(e) => set('socketPath', e.target.value)} error={err('socketPath')} maxLength={107} className="font-mono" />
      )}

      {values.transport !== 'unix' && (
        <div className="grid grid-cols-[1fr_8rem] gap-3">
          <TextField label={t('address')} name="host" value={values.host} onChange={(e) => set('host', e.target.value)} error={err('host')} placeholder={t('addressPlaceholder')} maxLength={253} />
          <TextField label={t('port')} name="port" inputMode="numeric" value={values.port} onChange={(e) => set('port', e.target.value)} error={err('port')} placeholder={values.transport === 'tcp' ? '2376' : '22'} maxLength={5} />
        </div>
      )}

      {values.transport === 'tcp' && (
        <>
          <PemField label={t('ca')} name="ca" value={values.ca} onChange={(text) => set('ca', text)} error={err('ca')} keep={editing} />
          <PemField label={t('cert')} name="cert" value={values.cert} onChange={(text) => set('cert', text)} error={err('cert')} keep={editing} />
          <PemField label={t('key')} name="key" value={values.key} onChange={(text) => set('key', text)} error={err('key')} keep={editing} />
        </>
      )}

      {values.transport === 'ssh' && (
        <>
          <TextField label={t('sshUser')} name="username" value={values.username} onChange={(e) => set('username', e.target.value)} error={err('username')} maxLength={32} />
          <PemField label={t('privateKey')} name="privateKey" value={values.privateKey} onChange={(text) => set('privateKey', text)} error={err('privateKey')} keep={editing} />
          <TextField label={t('passphrase')} name="passphrase" type="password" autoComplete="off" value={values.passphrase} onChange={(e) => set('passphrase', e.target.value)} error={err('passphrase')} />
          {editing && host?.sshHostKey && (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" checked={values.trustNewHostKey} onChange={(e) => set('trustNewHostKey', e.target.checked)} className="mt-1" />
              <span>
                {t.rich('trustNewKey', { key: host.sshHostKey, mono: (chunks) => <span className="font-mono text-xs">{chunks}</span> })}
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
            {t.rich('tested', { name: tested.name, version: tested.engineVersion, api: tested.apiVersion, running: tested.containers.running, strong: (chunks) => <strong>{chunks}</strong> })}
          </span>
        </div>
      )}
      {busy === 'save' && <p className="text-xs text-muted" role="status">{t('testing')}</p>}

      <div className="flex gap-2">
        <Button type="submit" busy={busy === 'save'} disabled={busy !== null}>
          {editing ? t('save') : t('add')}
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
            {t('test')}
          </Button>
        )}
        <Button variant="ghost" onClick={() => router.back()} disabled={busy !== null}>
          {t('cancel')}
        </Button>
      </div>
    </Form>
  );
}
