'use client';
// Adding or editing a notification channel: its kind (a generic webhook or a chat bot), its URL and
// its signing secret. A saved URL or secret is never shown: leaving the field empty keeps it. A
// webhook may have Wharf generate its secret, which is then shown once.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { SelectField, TextField } from '@/components/ui/field.tsx';
import { FormDialog } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createChannelAction, updateChannelAction } from '@/lib/actions/notifications.ts';
import { CHANNEL_KINDS, SIGNED_KINDS, isChannelKind, type ChannelKind, type ChannelView } from '@/lib/models/notifications/notifications.ts';

// Examples in the URL box, the same in every language.
const URL_EXAMPLES: Record<ChannelKind, string> = {
  webhook: 'https://ci.example.com/hooks/wharf',
  slack: 'https://hooks.slack.com/services/…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
};

const FIELDS = ['name', 'kind', 'url', 'secret'] as const;

type Values = { name: string; kind: ChannelKind; url: string; secret: string; generateSecret: boolean; clearSecret: boolean };
const blank: Values = { name: '', kind: 'webhook', url: '', secret: '', generateSecret: true, clearSecret: false };

export function ChannelDialog({ editing, onClose, onSecret }: { editing: ChannelView | null; onClose: () => void; onSecret: (name: string, secret: string) => void }) {
  const t = useTranslations('notifications.channel');
  const queryClient = useQueryClient();
  const form = useActionForm({ fields: FIELDS, report: 'inline' });
  const [v, setV] = useState<Values>(editing ? { ...blank, name: editing.name, kind: editing.kind, generateSecret: false } : blank);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setV((s) => ({ ...s, [key]: value }));
  const signed = SIGNED_KINDS.has(v.kind);
  const generating = v.kind === 'webhook' && v.generateSecret;

  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={editing ? t('editTitle', { name: editing.name }) : t('addTitle')}
      description={t('description')}
      form={form}
      // A refusal on a field is said there, not twice.
      message={Object.keys(form.errors).length ? null : form.message}
      label={editing ? t('save') : t('add')}
      onSubmit={async () => {
        const input = { name: v.name, kind: v.kind, url: v.url, secret: generating ? '' : v.secret, generateSecret: generating };
        const done = editing ? await form.submit(() => updateChannelAction({ ...input, channelId: editing.id, clearSecret: v.clearSecret })) : await form.submit(() => createChannelAction(input));
        if (!done) return;
        toast.success(editing ? t('saved', { name: v.name }) : t('added', { name: v.name }));
        await queryClient.invalidateQueries({ queryKey: ['notifications'] });
        onClose();
        if (done.data.generatedSecret) onSecret(done.data.name, done.data.generatedSecret);
      }}
    >
      <TextField label={t('name')} name="name" autoComplete="off" value={v.name} onChange={(e) => set('name', e.target.value)} error={form.errors.name} />
      <SelectField label={t('kind')} name="kind" value={v.kind} onChange={(e) => isChannelKind(e.target.value) && set('kind', e.target.value)} error={form.errors.kind}>
        {CHANNEL_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('url')}
        name="url"
        type="url"
        autoComplete="off"
        placeholder={URL_EXAMPLES[v.kind]}
        hint={editing ? t('urlKept', { hint: editing.urlHint }) : t('urlHint')}
        value={v.url}
        onChange={(e) => set('url', e.target.value)}
        error={form.errors.url}
      />
      {v.kind === 'webhook' && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={v.generateSecret} onChange={(e) => set('generateSecret', e.target.checked)} />
          {editing?.hasSecret ? t('regenerateSecret') : t('generateSecret')}
        </label>
      )}
      {signed && !generating && (
        <TextField
          label={t('secret')}
          name="secret"
          type="password"
          autoComplete="new-password"
          hint={editing?.hasSecret ? t('secretKept') : t(`secretHints.${v.kind === 'webhook' ? 'webhook' : 'chat'}`)}
          value={v.secret}
          onChange={(e) => set('secret', e.target.value)}
          error={form.errors.secret}
        />
      )}
      {signed && editing?.hasSecret && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={v.clearSecret} onChange={(e) => set('clearSecret', e.target.checked)} />
          {t('clearSecret')}
        </label>
      )}
    </FormDialog>
  );
}
