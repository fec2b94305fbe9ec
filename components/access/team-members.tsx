'use client';
// A team's members, with who leads it and where each membership comes from; its leads and
// administrators add and remove members (only administrators choose leads).
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { FormError, SelectField, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { addTeamMemberAction, removeTeamMemberAction } from '@/lib/actions/access.ts';
import type { TeamMemberView } from '@/lib/models/access/access-views.ts';
import { sourceName } from '@/lib/models/directory/directory-source.ts';

type Props = { teamId: string; teamName: string; members: TeamMemberView[]; /** Every user, for administrators; null for a lead, who types a username instead. */
  candidates: { id: string; username: string }[] | null;
  canManage: boolean; canChooseLeads: boolean };

export function TeamMembers({ teamId, teamName, members, candidates, canManage, canChooseLeads }: Props) {
  const t = useTranslations('access.members');
  const router = useRouter();
  const [removing, setRemoving] = useState<TeamMemberView | null>(null);
  const [userId, setUserId] = useState('');
  const [username, setUsername] = useState('');
  const [lead, setLead] = useState(false);
  const form = useActionForm({ fields: ['userId', 'username'], report: 'inline' });
  const others = candidates?.filter((c) => !members.some((m) => m.userId === c.id)) ?? null;
  const chosen = others ? userId : username.trim();
  return (
    <Card title={t('title')}>
      {members.length === 0 ? (
        <p className="text-muted">{canManage ? t('noneAdd') : t('none')}</p>
      ) : (
        <Table caption={t('caption', { team: teamName })} columns={[{ label: t('user') }, { label: t('roleInTeam') }, { label: t('addedBy') }, ...(canManage ? [{ label: t('actions'), className: 'text-right' }] : [])]}>
          {members.map((m) => (
            <Tr key={m.userId}>
              <RowHeader>
                <span className="font-medium">{m.username}</span>
                {m.displayName && <div className="text-xs text-muted">{m.displayName}</div>}
              </RowHeader>
              <Td>{m.lead ? <Badge tone="accent">{t('lead')}</Badge> : t('member')}</Td>
              <Td className="text-xs">{sourceName(m.source)}</Td>
              {canManage && (
                <Td className="text-right">
                  {(!m.lead || canChooseLeads) && (
                    <Button size="sm" variant="secondary" onClick={() => setRemoving(m)} aria-label={t('removeLabel', { username: m.username, team: teamName })}>
                      {t('remove')}
                    </Button>
                  )}
                </Td>
              )}
            </Tr>
          ))}
        </Table>
      )}
      {canManage && (
        <Form
          className="mt-4 flex flex-wrap items-end gap-3"
          onSubmit={async () => {
            const done = await form.submit(() => addTeamMemberAction(others ? { teamId, userId, lead } : { teamId, username: username.trim(), lead }));
            if (!done) return;
            setUserId('');
            setUsername('');
            setLead(false);
            router.refresh();
          }}
        >
          {others ? (
            <SelectField label={t('add')} value={userId} onChange={(e) => setUserId(e.target.value)} required error={form.errors.userId} className="min-w-56">
              <option value="">{t('chooseUser')}</option>
              {others.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.username}
                </option>
              ))}
            </SelectField>
          ) : (
            <TextField label={t('add')} hint={t('typeUsername')} value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" spellCheck={false} error={form.errors.username} className="min-w-56" />
          )}
          {canChooseLeads && (
            <label className="flex items-center gap-2 pb-2 text-sm">
              <input type="checkbox" checked={lead} onChange={(e) => setLead(e.target.checked)} /> {t('lead')}
            </label>
          )}
          <Button type="submit" busy={form.busy} disabled={!chosen}>
            {t('addSubmit')}
          </Button>
          <FormError message={form.message} />
        </Form>
      )}
      {removing && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setRemoving(null)}
          title={t('removeTitle', { username: removing.username })}
          description={t('removeDescription', { username: removing.username, team: teamName })}
          confirmLabel={t('removeConfirm')}
          danger
          onConfirm={async () => {
            const result = await removeTeamMemberAction({ teamId, userId: removing.userId });
            if (!result.ok) return result.error.message;
            toast.success(t('removed', { username: removing.username, team: teamName }));
            router.refresh();
            return null;
          }}
        />
      )}
    </Card>
  );
}
