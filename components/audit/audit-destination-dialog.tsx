'use client';
// Adding or editing a forwarding destination: syslog (host, port, TLS with an optional CA) or an
// HTTP endpoint (URL, optional bearer secret, optional CA for https). A stored secret is never
// shown; leaving the field empty keeps it. The server checks everything and answers on the fields.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { FormDialog } from '@/components/ui/form.tsx';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createAuditDestinationAction, updateAuditDestinationAction } from '@/lib/actions/audit.ts';
import type { AuditDestinationView } from '@/lib/services/audit/forwarding/audit-destinations.ts';

const FIELDS = ['kind', 'name', 'host', 'port', 'tls', 'ca', 'url', 'secret', 'enabled'] as const;

type Values = { kind: 'syslog' | 'http'; name: string; host: string; port: string; tls: boolean; ca: string; url: string; secret: string; clearSecret: boolean; enabled: boolean };

const blank: Values = { kind: 'syslog', name: '', host: '', port: '514', tls: false, ca: '', url: '', secret: '', clearSecret: false, enabled: true };

const valuesOf = (d: AuditDestinationView): Values => ({
  ...blank,
  kind: d.kind,
  name: d.name,
  host: d.host ?? '',
  port: d.port ? String(d.port) : '514',
  tls: d.kind === 'syslog' && d.tls,
  url: d.url ?? '',
  enabled: d.enabled,
});

export function AuditDestinationDialog({ open, onOpenChange, editing }: { open: boolean; onOpenChange: (open: boolean) => void; editing: AuditDestinationView | null }) {
  const queryClient = useQueryClient();
  const form = useActionForm({ fields: FIELDS, report: 'inline' });
  const [v, setV] = useState<Values>(editing ? valuesOf(editing) : blank);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setV((s) => ({ ...s, [key]: value }));
  const text = (key: 'name' | 'host' | 'port' | 'url' | 'secret' | 'ca') => ({
    name: key,
    value: v[key],
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
    error: form.errors[key],
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      onClosed={() => setV(editing ? valuesOf(editing) : blank)}
      title={editing ? `Edit ${editing.name}` : 'Add a forwarding destination'}
      description="Every audit entry is sent there in chain order, with its number, hash and the hash it follows, so the receiver can check the chain."
      form={form}
      label={editing ? 'Save destination' : 'Add destination'}
      onSubmit={async () => {
        const common = { name: v.name, ca: v.ca, enabled: v.enabled };
        const input =
          v.kind === 'syslog' ? { ...common, kind: 'syslog' as const, host: v.host, port: v.port, tls: v.tls } : { ...common, kind: 'http' as const, url: v.url, secret: v.secret };
        const done = editing
          ? await form.submit(() => updateAuditDestinationAction({ ...input, destinationId: editing.id, ...(v.kind === 'http' ? { clearSecret: v.clearSecret } : {}) }))
          : await form.submit(() => createAuditDestinationAction(input));
        if (!done) return;
        toast.success(editing ? `Saved ${v.name}.` : `Added ${v.name}: forwarding starts now.`);
        await queryClient.invalidateQueries({ queryKey: ['audit', 'destinations'] });
        onOpenChange(false);
        setV(blank);
      }}
    >
      <SelectField label="Kind" name="kind" value={v.kind} disabled={!!editing} onChange={(e) => set('kind', e.target.value === 'http' ? 'http' : 'syslog')} error={form.errors.kind} hint={editing ? 'A destination keeps its kind.' : undefined}>
        <option value="syslog">Syslog (RFC 5424 over TCP)</option>
        <option value="http">HTTP endpoint (JSON batches by POST)</option>
      </SelectField>
      <TextField label="Name" autoComplete="off" {...text('name')} />
      {v.kind === 'syslog' ? (
        <>
          <div className="grid grid-cols-[1fr_8rem] gap-3">
            <TextField label="Host" placeholder="logs.example.com" autoComplete="off" {...text('host')} />
            <TextField label="Port" inputMode="numeric" {...text('port')} />
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="tls" checked={v.tls} onChange={(e) => setV((s) => ({ ...s, tls: e.target.checked, port: s.port === '514' && e.target.checked ? '6514' : s.port === '6514' && !e.target.checked ? '514' : s.port }))} />
            Use TLS
          </label>
          {v.tls && <TextAreaField label="CA certificate (PEM)" rows={4} placeholder="Empty: the system's trusted CAs" hint={editing?.hasCa ? 'Empty removes the stored CA.' : 'The CA that signed the receiver\'s certificate, if not a public one.'} {...text('ca')} />}
        </>
      ) : (
        <>
          <TextField label="URL" type="url" placeholder="https://logs.example.com/wharf" autoComplete="off" {...text('url')} />
          <TextField
            label="Bearer secret"
            type="password"
            autoComplete="new-password"
            hint={editing?.hasSecret ? 'A secret is stored. Leave empty to keep it.' : 'Optional: sent as Authorization: Bearer …; stored encrypted, never shown again.'}
            {...text('secret')}
          />
          {editing?.hasSecret && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={v.clearSecret} onChange={(e) => set('clearSecret', e.target.checked)} />
              Remove the stored secret
            </label>
          )}
          {v.url.startsWith('https:') && <TextAreaField label="CA certificate (PEM)" rows={4} placeholder="Empty: the system's trusted CAs" {...text('ca')} />}
        </>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" checked={v.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        Enabled
      </label>
    </FormDialog>
  );
}
