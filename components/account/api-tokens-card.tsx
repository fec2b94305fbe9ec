'use client';
// The signed-in user's API tokens: a form to create one (name, expiry, optionally narrowed to a
// role on a scope), the new token shown once with a copy button, the list with last use, and
// revoking one behind a confirmation (the next request with it is refused), and a link to the API reference.
import { KeyRound } from 'lucide-react';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import type { GrantOptions } from '@/components/access/grants-card.tsx';
import { ScopeFields, useScopeChoice } from '@/components/access/scope-fields.tsx';
import { CopyButton } from '@/components/swarms/copy-button.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { FormError, SelectField, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createApiTokenAction, revokeApiTokenAction } from '@/lib/actions/account.ts';
import type { ApiTokenView, CreatedApiToken } from '@/lib/models/api-tokens/api-token-view.ts';

const EXPIRY_DAYS = [7, 30, 90, 365];

function useDay() {
  const format = useFormatter();
  return (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeZone: 'UTC' });
}

function CreateTokenForm({ options, onCreated }: { options: GrantOptions; onCreated: (created: CreatedApiToken) => void }) {
  const t = useTranslations('apiTokens.form');
  const form = useActionForm({ fields: ['name', 'expiresInDays', 'narrow.role'], report: 'inline' });
  const [name, setName] = useState('');
  const [days, setDays] = useState('30');
  const [role, setRole] = useState('');
  const choice = useScopeChoice('global');
  return (
    <Form
      aria-label={t('label')}
      className="mt-4 grid grid-cols-1 gap-3 md:grid-cols-4 md:items-end"
      onSubmit={async () => {
        const narrow = role ? { role, scope: choice.scope() } : undefined;
        const done = await form.submit(() => createApiTokenAction({ name: name.trim(), expiresInDays: Number(days), narrow }));
        if (!done) return;
        setName('');
        setRole('');
        onCreated(done.data);
      }}
    >
      <TextField label={t('name')} value={name} onChange={(e) => setName(e.target.value)} required maxLength={40} autoComplete="off" error={form.errors.name} hint={t('nameHint')} />
      <SelectField label={t('expiresAfter')} value={days} onChange={(e) => setDays(e.target.value)} error={form.errors.expiresInDays}>
        {EXPIRY_DAYS.map((d) => (
          <option key={d} value={d}>
            {t('days', { count: d })}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('rights')} value={role} onChange={(e) => setRole(e.target.value)} error={form.errors['narrow.role']} hint={t('rightsHint')}>
        <option value="">{t('allRights')}</option>
        {options.roles.map((r) => (
          <option key={r.key} value={r.key}>
            {t('atMost', { role: r.name })}
          </option>
        ))}
      </SelectField>
      {role && <ScopeFields choice={choice} hosts={options.hosts} swarms={options.swarms} registries={options.registries} label={t('where')} />}
      <div className="md:col-span-4 flex items-center gap-3">
        <Button type="submit" busy={form.busy} disabled={!name.trim() || (role !== '' && !choice.chosen)}>
          {t('submit')}
        </Button>
        <FormError message={form.message} />
      </div>
    </Form>
  );
}

function NewTokenDialog({ created, onClose }: { created: CreatedApiToken; onClose: () => void }) {
  const t = useTranslations('apiTokens.created');
  const day = useDay();
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t('title', { name: created.name })} description={t('description')}>
      <div className="flex flex-col gap-3">
        <label className="text-sm font-medium" htmlFor="new-api-token">
          {t('label')}
        </label>
        <input id="new-api-token" readOnly value={created.token} className="w-full rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        <p className="text-xs text-muted">{t.rich('usage', { code: (chunks) => <code>{chunks}</code>, date: day(created.expiresAt) })}</p>
        <div className="flex justify-end gap-2">
          <CopyButton value={created.token} label={t('copy')} what={t('what')} />
          <Button onClick={onClose}>{t('done')}</Button>
        </div>
      </div>
    </Dialog>
  );
}

function TokenRows({ tokens, onRevoke }: { tokens: ApiTokenView[]; onRevoke: (token: ApiTokenView) => void }) {
  const t = useTranslations('apiTokens');
  const day = useDay();
  const rights = (token: ApiTokenView) =>
    token.rights.kind === 'own' ? t('table.ownRights') : token.rights.kind === 'narrowed' ? t('table.narrowed', { role: token.rights.role, scope: token.rights.scope }) : t('table.invalidNarrowing');
  const columns = [{ label: t('table.name') }, { label: t('table.rights') }, { label: t('table.expires') }, { label: t('table.lastUsed') }, { label: t('table.actions'), className: 'text-right' }];
  return (
    <Table caption={t('table.caption')} columns={columns}>
      {tokens.map((token) => (
        <Tr key={token.id}>
          <RowHeader className="font-medium">{token.name}</RowHeader>
          <Td className="text-xs">{rights(token)}</Td>
          <Td className="whitespace-nowrap text-xs">
            <time dateTime={token.expiresAt}>{day(token.expiresAt)}</time>
          </Td>
          <Td className="text-xs">
            {token.lastUsedAt ? (
              <>
                <RelativeTime iso={token.lastUsedAt} /> {token.lastUsedIp && t('table.from', { ip: token.lastUsedIp })}
              </>
            ) : (
              t('table.never')
            )}
          </Td>
          <Td className="text-right">
            <Button size="sm" variant="secondary" onClick={() => onRevoke(token)} aria-label={t('revoke.buttonLabel', { name: token.name })}>
              {t('revoke.button')}
            </Button>
          </Td>
        </Tr>
      ))}
    </Table>
  );
}

export function ApiTokensCard({ tokens, options }: { tokens: ApiTokenView[]; options: GrantOptions }) {
  const t = useTranslations('apiTokens');
  const router = useRouter();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  return (
    <Card title={t('title')}>
      <p className="mb-3 text-muted">
        {t('intro')}{' '}
        <Link href="/account/api" className="text-accent underline">
          {t('reference')}
        </Link>
      </p>
      {tokens.length === 0 ? (
        <div className="rounded-md border border-dashed border-border px-4 py-6 text-center text-sm">
          <KeyRound className="mx-auto mb-2 size-5 text-muted" aria-hidden />
          <p className="font-medium">{t('empty.title')}</p>
          <p className="mt-1 text-muted">{t('empty.next')}</p>
        </div>
      ) : (
        <TokenRows tokens={tokens} onRevoke={setRevoking} />
      )}
      <CreateTokenForm
        options={options}
        onCreated={(token) => {
          setCreated(token);
          router.refresh();
        }}
      />
      {created && <NewTokenDialog created={created} onClose={() => setCreated(null)} />}
      {revoking && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setRevoking(null)}
          title={t('revoke.title', { name: revoking.name })}
          description={t('revoke.description')}
          confirmLabel={t('revoke.confirm')}
          danger
          onConfirm={async () => {
            const result = await revokeApiTokenAction({ tokenId: revoking.id });
            if (!result.ok) return result.error.message;
            toast.success(t('revoke.done', { name: revoking.name }));
            router.refresh();
            return null;
          }}
        />
      )}
    </Card>
  );
}
