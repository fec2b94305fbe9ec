'use client';
// A policy's rules as a labelled form (not raw JSON). Saving makes the next version; an
// administrator sees what changed in the version history and the audit log.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { ErrorText, FormError, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { savePolicyAction } from '@/lib/actions/policies.ts';
import { ALLOWABLE_NETWORKS, HOST_NAMESPACES, type PolicyRules } from '@/lib/models/policies/policy-rules.ts';

const words = (text: string) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

/** The yes/no rules, each named by access.policies.rules.switch.<key>. */
const SWITCHES = ['privileged', 'engineSocket', 'unconfined', 'sharedNamespaces', 'devices', 'sysctls', 'cgroupParent'] as const;

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

export function RulesForm({ policyId, version, rules }: { policyId: string; version: number; rules: PolicyRules }) {
  const t = useTranslations('access.policies.rules');
  const router = useRouter();
  const [r, setR] = useState<PolicyRules>(rules);
  const [text, setText] = useState({
    capabilities: rules.capabilities.join(', '),
    tmpfsDrivers: rules.volumeDrivers.filter((d) => d.options === 'tmpfs').map((d) => d.name).join(', '),
    anyDrivers: rules.volumeDrivers.filter((d) => d.options === 'any').map((d) => d.name).join(', '),
    images: rules.images.join('\n'),
    maxMemoryMb: rules.limits.maxMemoryMb?.toString() ?? '',
    maxCpus: rules.limits.maxCpus?.toString() ?? '',
    labels: rules.labels.join(', '),
  });
  const form = useActionForm({ fields: ['rules.binds', 'rules.capabilities', 'rules.volumeDrivers', 'rules.images', 'rules.limits.maxMemoryMb', 'rules.limits.maxCpus', 'rules.labels'], report: 'inline' });
  const set = <K extends keyof PolicyRules>(key: K, value: PolicyRules[K]) => setR((s) => ({ ...s, [key]: value }));
  const err = (key: string) => Object.entries(form.errors).filter(([k]) => k === key || k.startsWith(`${key}.`)).flatMap(([, v]) => v);
  return (
    <form
      aria-label={t('form')}
      noValidate
      className="flex flex-col gap-6"
      onSubmit={async (event) => {
        event.preventDefault();
        const next: PolicyRules = {
          ...r,
          capabilities: words(text.capabilities),
          volumeDrivers: [...words(text.tmpfsDrivers).map((name) => ({ name, options: 'tmpfs' as const })), ...words(text.anyDrivers).map((name) => ({ name, options: 'any' as const }))],
          images: words(text.images),
          limits: { required: r.limits.required, maxMemoryMb: numberOrNull(text.maxMemoryMb), maxCpus: numberOrNull(text.maxCpus) },
          labels: words(text.labels),
        };
        const done = await form.submit(() => savePolicyAction({ policyId, rules: next, basedOn: version }));
        if (!done) return;
        toast.success(t('saved', { version: done.data.version, summary: done.data.summary }));
        router.refresh();
      }}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-semibold">{t('binds')}</legend>
        <p className="text-xs text-muted">{t('bindsText')}</p>
        {r.binds.map((bind, i) => (
          <div key={i} className="flex items-end gap-3">
            <TextField label={t('bindPath', { n: i + 1 })} value={bind.path} onChange={(e) => set('binds', r.binds.map((b, j) => (j === i ? { ...b, path: e.target.value } : b)))} error={err(`rules.binds.${i}`)} className="w-96" autoComplete="off" />
            <div className="pb-2">
              <Check label={t('readOnly', { n: i + 1 })} checked={bind.readOnly} onChange={(v) => set('binds', r.binds.map((b, j) => (j === i ? { ...b, readOnly: v } : b)))} />
            </div>
            <Button variant="ghost" size="sm" onClick={() => set('binds', r.binds.filter((_, j) => j !== i))} aria-label={t('removeBind', { n: i + 1 })}>
              {t('remove')}
            </Button>
          </div>
        ))}
        <div>
          <Button variant="secondary" size="sm" onClick={() => set('binds', [...r.binds, { path: '', readOnly: true }])}>
            {t('addBind')}
          </Button>
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-semibold">{t('privileges')}</legend>
        {SWITCHES.map((s) => (
          <Check key={s} label={t(`switch.${s}`)} checked={r[s]} onChange={(v) => set(s, v)} />
        ))}
        <TextField label={t('capabilities')} hint={t('capabilitiesHint')} value={text.capabilities} onChange={(e) => setText((t) => ({ ...t, capabilities: e.target.value }))} error={err('rules.capabilities')} className="max-w-xl" autoComplete="off" />
      </fieldset>

      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-2 text-sm font-semibold">{t('namespaces')}</legend>
        {HOST_NAMESPACES.map((ns) => (
          <Check key={ns} label={t('hostNamespace', { ns })} checked={r.hostNamespaces[ns]} onChange={(v) => set('hostNamespaces', { ...r.hostNamespaces, [ns]: v })} />
        ))}
      </fieldset>

      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-2 text-sm font-semibold">{t('networks')}</legend>
        {ALLOWABLE_NETWORKS.map((n) => (
          <Check key={n} label={t('network', { name: n })} checked={r.networks.includes(n)} onChange={(v) => set('networks', v ? [...r.networks, n] : r.networks.filter((x) => x !== n))} />
        ))}
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-semibold">{t('volumes')}</legend>
        <TextField label={t('tmpfsDrivers')} hint={t('tmpfsHint')} value={text.tmpfsDrivers} onChange={(e) => setText((t) => ({ ...t, tmpfsDrivers: e.target.value }))} error={err('rules.volumeDrivers')} className="max-w-xl" autoComplete="off" />
        <TextField label={t('anyDrivers')} hint={t('anyHint')} value={text.anyDrivers} onChange={(e) => setText((t) => ({ ...t, anyDrivers: e.target.value }))} className="max-w-xl" autoComplete="off" />
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-semibold">{t('imagesLimits')}</legend>
        <TextAreaField label={t('images')} rows={3} hint={t('imagesHint')} value={text.images} onChange={(e) => setText((t) => ({ ...t, images: e.target.value }))} error={err('rules.images')} className="max-w-xl" />
        <Check label={t('limitsRequired')} checked={r.limits.required} onChange={(v) => set('limits', { ...r.limits, required: v })} />
        <div className="flex flex-wrap gap-3">
          <TextField label={t('maxMemory')} inputMode="numeric" placeholder={t('noMaximum')} value={text.maxMemoryMb} onChange={(e) => setText((t) => ({ ...t, maxMemoryMb: e.target.value }))} error={err('rules.limits.maxMemoryMb')} className="w-56" />
          <TextField label={t('maxCpus')} inputMode="decimal" placeholder={t('noMaximum')} value={text.maxCpus} onChange={(e) => setText((t) => ({ ...t, maxCpus: e.target.value }))} error={err('rules.limits.maxCpus')} className="w-56" />
        </div>
        <TextField label={t('labels')} hint={t('labelsHint')} value={text.labels} onChange={(e) => setText((t) => ({ ...t, labels: e.target.value }))} error={err('rules.labels')} className="max-w-xl" autoComplete="off" />
      </fieldset>

      <ErrorText error={err('rules.networks').concat(err('rules.hostNamespaces'))} />
      <FormError message={form.message} />
      <div>
        <Button type="submit" busy={form.busy}>
          {t('save', { version: version + 1 })}
        </Button>
      </div>
    </form>
  );
}
