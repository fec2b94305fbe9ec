'use client';
// The signed-in user's API tokens: a form to create one (name, expiry, optionally narrowed to a
// role on a scope), the new token shown once with a copy button, the list with last use, and
// revoking one behind a confirmation (the next request with it is refused).
import { KeyRound } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
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
import type { GrantOptions } from '@/components/access/grants-card.tsx';
import type { ApiTokenView, CreatedApiToken } from '@/lib/models/api-tokens/api-token-view.ts';

const EXPIRY_DAYS = [7, 30, 90, 365];
const day = (iso: string) => new Date(iso).toLocaleDateString();

function CreateTokenForm({ options, onCreated }: { options: GrantOptions; onCreated: (created: CreatedApiToken) => void }) {
  const form = useActionForm({ fields: ['name', 'expiresInDays', 'narrow.role'], report: 'inline' });
  const [name, setName] = useState('');
  const [days, setDays] = useState('30');
  const [role, setRole] = useState('');
  const choice = useScopeChoice('global');
  return (
    <Form
      aria-label="Create an API token"
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
      <TextField label="Token name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={40} autoComplete="off" error={form.errors.name} hint="What will use it, e.g. ci-deploy." />
      <SelectField label="Expires after" value={days} onChange={(e) => setDays(e.target.value)} error={form.errors.expiresInDays}>
        {EXPIRY_DAYS.map((d) => (
          <option key={d} value={d}>
            {d} days
          </option>
        ))}
      </SelectField>
      <SelectField label="Rights" value={role} onChange={(e) => setRole(e.target.value)} error={form.errors['narrow.role']} hint="A token never does more than you may.">
        <option value="">All of your own rights</option>
        {options.roles.map((r) => (
          <option key={r.key} value={r.key}>
            At most: {r.name}
          </option>
        ))}
      </SelectField>
      {role && <ScopeFields choice={choice} hosts={options.hosts} swarms={options.swarms} label="Where" />}
      <div className="md:col-span-4 flex items-center gap-3">
        <Button type="submit" busy={form.busy} disabled={!name.trim() || (role !== '' && !choice.chosen)}>
          Create token
        </Button>
        <FormError message={form.message} />
      </div>
    </Form>
  );
}

function NewTokenDialog({ created, onClose }: { created: CreatedApiToken; onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={`Token "${created.name}" created`} description="Copy it now: Wharf keeps only a hash and cannot show it again.">
      <div className="flex flex-col gap-3">
        <label className="text-sm font-medium" htmlFor="new-api-token">
          Your new API token
        </label>
        <input id="new-api-token" readOnly value={created.token} className="w-full rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        <p className="text-xs text-muted">
          Send it as <code>Authorization: Bearer …</code> to <code>/api/v1</code>. It expires on {day(created.expiresAt)}.
        </p>
        <div className="flex justify-end gap-2">
          <CopyButton value={created.token} label="Copy the token" what="token" />
          <Button onClick={onClose}>Done</Button>
        </div>
      </div>
    </Dialog>
  );
}

export function ApiTokensCard({ tokens, options }: { tokens: ApiTokenView[]; options: GrantOptions }) {
  const router = useRouter();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  return (
    <Card title="API tokens">
      <p className="mb-3 text-muted">Tokens let scripts and pipelines use the Wharf API as you. Every request with one is checked and audited as yours, naming the token.</p>
      {tokens.length === 0 ? (
        <div className="rounded-md border border-dashed border-border px-4 py-6 text-center text-sm">
          <KeyRound className="mx-auto mb-2 size-5 text-muted" aria-hidden />
          <p className="font-medium">You have no API tokens.</p>
          <p className="mt-1 text-muted">Create one below, then send it as a bearer token to /api/v1.</p>
        </div>
      ) : (
        <Table caption="Your API tokens" columns={[{ label: 'Name' }, { label: 'Rights' }, { label: 'Expires' }, { label: 'Last used' }, { label: 'Actions', className: 'text-right' }]}>
          {tokens.map((t) => (
            <Tr key={t.id}>
              <RowHeader className="font-medium">{t.name}</RowHeader>
              <Td className="text-xs">{t.rights}</Td>
              <Td className="whitespace-nowrap text-xs">
                <time dateTime={t.expiresAt}>{day(t.expiresAt)}</time>
              </Td>
              <Td className="text-xs">{t.lastUsedAt ? <><RelativeTime iso={t.lastUsedAt} />{t.lastUsedIp ? ` from ${t.lastUsedIp}` : ''}</> : 'Never'}</Td>
              <Td className="text-right">
                <Button size="sm" variant="secondary" onClick={() => setRevoking(t)} aria-label={`Revoke token ${t.name}`}>
                  Revoke
                </Button>
              </Td>
            </Tr>
          ))}
        </Table>
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
          title={`Revoke token "${revoking.name}"?`}
          description="Whatever uses it is refused from its next request. This cannot be undone: create a new token if you need one again."
          confirmLabel="Revoke token"
          danger
          onConfirm={async () => {
            const result = await revokeApiTokenAction({ tokenId: revoking.id });
            if (!result.ok) return result.error.message;
            toast.success(`Revoked token "${revoking.name}"`);
            router.refresh();
            return null;
          }}
        />
      )}
    </Card>
  );
}
