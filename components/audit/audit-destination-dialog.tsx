'use client';
// Adding or editing a forwarding destination: syslog (host, port, TLS with an optional CA) or an
// HTTP endpoint (URL, optional bearer secret, optional CA for https). A stored secret is never
// shown; leaving the field empty keeps it. The server checks everything and answers on the fields.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { FormDialog } from '@/components/ui/form.tsx';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createAuditDestinationAction, updateAuditDestinationAction } from '@/lib/actions/audit.ts';
import type { AuditDestinationView } from '@/lib/services/audit/forwarding/audit-destinations.ts';

// Examples in the boxes: addresses, the same in every language.
const HOST_EXAMPLE = 'logs.example.com';
const URL_EXAMPLE = 'https://logs.example.com/wharf';

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
  const t = useTranslations('audit.destination');
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
      title={editing ? t('editTitle', { name: editing.name }) : t('addTitle')}
      description={t('description')}
      form={form}
      label={editing ? t('save') : t('add')}
      onSubmit={async () => {
        const common = { name: v.name, ca: v.ca, enabled: v.enabled };
        const input =
          v.kind === 'syslog' ? { ...common, kind: 'syslog' as const, host: v.host, port: v.port, tls: v.tls } : { ...common, kind: 'http' as const, url: v.url, secret: v.secret };
        const done = editing
          ? await form.submit(() => updateAuditDestinationAction({ ...input, destinationId: editing.id, ...(v.kind === 'http' ? { clearSecret: v.clearSecret } : {}) }))
          : await form.submit(() => createAuditDestinationAction(input));
        if (!done) return;
        toast.success(editing ? t('saved', { name: v.name }) : t('added', { name: v.name }));
        await queryClient.invalidateQueries({ queryKey: ['audit', 'destinations'] });
        onOpenChange(false);
        setV(blank);
      }}
    >
      <SelectField label={t('kind')} name="kind" value={v.kind} disabled={!!editing} onChange={(e) => set('kind', e.target.value === 'http' ? 'http' : 'syslog')} error={form.errors.kind} hint={editing ? t('keepsKind') : undefined}>
        <option value="syslog">{t('syslog')}</option>
        <option value="http">{t('http')}</option>
      </SelectField>
      <TextField label={t('name')} autoComplete="off" {...text('name')} />
      {v.kind === 'syslog' ? (
        <>
          <div className="grid grid-cols-[1fr_8rem] gap-3">
            <TextField label={t('host')} placeholder={HOST_EXAMPLE} autoComplete="off" {...text('host')} />
            <TextField label={t('port')} inputMode="numeric" {...text('port')} />
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="tls" checked={v.tls} onChange={(e) => setV((s) => ({ ...s, tls: e.target.checked, port: s.port === '514' && e.target.checked ? '6514' : s.port === '6514' && !e.target.checked ? '514' : s.port }))} />
            {t('tls')}
          </label>
          {v.tls && <TextAreaField label={t('ca')} rows={4} placeholder={t('caPlaceholder')} hint={editing?.hasCa ? t('caRemove') : t('caHint')} {...text('ca')} />}
        </>
      ) : (
        <>
          <TextField label={t('url')} type="url" placeholder={URL_EXAMPLE} autoComplete="off" {...text('url')} />
          <TextField
            label={t('secret')}
            type="password"
            autoComplete="new-password"
            hint={editing?.hasSecret ? t('secretStored') : t('secretHint')}
            {...text('secret')}
          />
          {editing?.hasSecret && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={v.clearSecret} onChange={(e) => set('clearSecret', e.target.checked)} />
              {t('clearSecret')}
            </label>
          )}
          {v.url.startsWith('https:') && <TextAreaField label={t('ca')} rows={4} placeholder={t('caPlaceholder')} {...text('ca')} />}
        </>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" checked={v.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        {t('enabled')}
      </label>
    </FormDialog>
  );
}
