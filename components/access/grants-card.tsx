'use client';
// The grants of a team or a user: which role, on which scope; with a form to grant another and a
// confirmation to remove one. The server decides what may be granted (a lead: only what they hold,
// where they hold it) and says why when it refuses.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { FormError, SelectField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createGrantAction, deleteGrantAction } from '@/lib/actions/access.ts';
import { isRoleKey } from '@/lib/auth/permissions.ts';
import type { GrantView } from '@/lib/models/access/access-views.ts';
import { ScopeFields, useScopeChoice } from './scope-fields.tsx';
import { useSay } from '@/components/hosts/use-say.ts';

export type GrantOptions = { roles: { key: string; name: string }[]; hosts: { id: string; name: string }[]; swarms: { id: string; name: string }[]; registries: { id: string; name: string }[] };

type Props = { subject: { type: 'user' | 'team'; id: string; name: string }; grants: GrantView[]; options: GrantOptions; canManage: boolean };

export function GrantsCard({ subject, grants, options, canManage }: Props) {
  const t = useTranslations('access.grants');
  const tRoles = useTranslations('permissions');
  const say = useSay();
  // Built-in roles are named in the page's language; custom roles by the name their maker gave.
  const roleName = (role: { key: string; name: string }) => (isRoleKey(role.key) ? tRoles(`roles.${role.key}.label`) : role.name);
  const router = useRouter();
  const [removing, setRemoving] = useState<GrantView | null>(null);
  const [role, setRole] = useState('');
  const choice = useScopeChoice('stack');
  const form = useActionForm({ fields: ['role', 'scope'], report: 'inline' });
  return (
    <Card title={t('title')}>
      {grants.length === 0 ? (
        <p className="text-muted">{subject.type === 'team' ? (canManage ? t('noneTeamManage') : t('noneTeam')) : canManage ? t('noneUserManage') : t('noneUser')}</p>
      ) : (
        <Table caption={t('caption', { name: subject.name })} columns={[{ label: t('role') }, { label: t('where') }, { label: t('grantedBy') }, ...(canManage ? [{ label: t('actions'), className: 'text-right' }] : [])]}>
          {grants.map((g) => (
            <Tr key={g.id}>
              <RowHeader className="font-medium">{roleName(g.role)}</RowHeader>
              <Td>{say(g.scopeSaid)}</Td>
              <Td className="text-muted">{g.grantedBy ?? t('grantedByUnknown')}</Td>
              {canManage && (
                <Td className="text-right">
                  <Button size="sm" variant="secondary" onClick={() => setRemoving(g)} aria-label={t('removeLabel', { role: roleName(g.role), scope: say(g.scopeSaid) })}>
                    {t('remove')}
                  </Button>
                </Td>
              )}
            </Tr>
          ))}
        </Table>
      )}
      {canManage && (
        <Form
          className="mt-4 grid grid-cols-1 gap-3 md:grid-cols-4 md:items-end"
          onSubmit={async () => {
            const done = await form.submit(() => createGrantAction({ subject: { type: subject.type, id: subject.id }, role, scope: choice.scope() }));
            if (!done) return;
            toast.success(t('granted', { name: subject.name }));
            router.refresh();
          }}
        >
          <SelectField label={t('role')} value={role} onChange={(e) => setRole(e.target.value)} required error={form.errors.role}>
            <option value="">{t('chooseRole')}</option>
            {options.roles.map((r) => (
              <option key={r.key} value={r.key}>
                {roleName(r)}
              </option>
            ))}
          </SelectField>
          <ScopeFields choice={choice} hosts={options.hosts} swarms={options.swarms} registries={options.registries} />
          <div className="md:col-span-4 flex items-center gap-3">
            <Button type="submit" busy={form.busy} disabled={!role || !choice.chosen}>
              {t('grant')}
            </Button>
            <FormError message={form.message} />
          </div>
        </Form>
      )}
      {removing && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setRemoving(null)}
          title={t('removeTitle', { role: roleName(removing.role), scope: say(removing.scopeSaid) })}
          description={t('removeDescription', { name: subject.name })}
          confirmLabel={t('removeConfirm')}
          danger
          onConfirm={async () => {
            const result = await deleteGrantAction({ grantId: removing.id });
            if (!result.ok) return result.error.message;
            router.refresh();
            return null;
          }}
        />
      )}
    </Card>
  );
}
