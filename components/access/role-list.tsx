'use client';
// The roles: built-in ones shown as they are, custom ones created and changed by picking
// permissions from the catalogue (grouped by area, each with what it allows), and deleted when
// no grant uses them.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { FormDialog, formText } from '@/components/ui/form.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createRoleAction, deleteRoleAction, updateRoleAction } from '@/lib/actions/access.ts';
import { isRoleKey, type Permission } from '@/lib/auth/permissions.ts';
import type { RoleView } from '@/lib/models/access/access-views.ts';
import { PERMISSION_CATALOGUE } from '@/lib/models/access/permission-catalogue.ts';

export function RoleList({ roles, canManage }: { roles: RoleView[]; canManage: boolean }) {
  const t = useTranslations('access.roles');
  const tRoles = useTranslations('permissions');
  const router = useRouter();
  const [editing, setEditing] = useState<RoleView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RoleView | null>(null);
  return (
    <div className="flex flex-col gap-4">
      {canManage && (
        <div>
          <Button onClick={() => setEditing('new')}>{t('new')}</Button>
        </div>
      )}
      <Table caption={t('caption')} columns={[{ label: t('role') }, { label: t('allows') }, { label: t('granted') }, ...(canManage ? [{ label: t('actions'), className: 'text-right' }] : [])]}>
        {roles.map((role) => (
          <Tr key={role.key}>
            <RowHeader className="max-w-64">
              <div className="flex items-center gap-2 font-medium">
                {role.builtin && isRoleKey(role.key) ? tRoles(`roles.${role.key}.label`) : role.name} {role.builtin && <Badge>{t('builtin')}</Badge>}
              </div>
              {role.description && <div className="text-xs text-muted">{role.builtin && isRoleKey(role.key) ? tRoles(`roles.${role.key}.description`) : role.description}</div>}
            </RowHeader>
            <Td className="text-xs">{role.permissions.length ? role.permissions.join(', ') : <span className="text-muted">{t('nothing')}</span>}</Td>
            <Td className="tabular-nums">{role.grants}</Td>
            {canManage && (
              <Td className="whitespace-nowrap text-right">
                {!role.builtin && (
                  <div className="flex justify-end gap-2">
                    <Button size="sm" variant="secondary" onClick={() => setEditing(role)} aria-label={t('editLabel', { name: role.name })}>
                      {t('edit')}
                    </Button>
                    <Button size="sm" variant="secondary" onClick={() => setDeleting(role)} aria-label={t('deleteLabel', { name: role.name })}>
                      {t('delete')}
                    </Button>
                  </div>
                )}
              </Td>
            )}
          </Tr>
        ))}
      </Table>
      {editing && <RoleDialog role={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setDeleting(null)}
          title={t('deleteTitle', { name: deleting.name })}
          description={t('deleteDescription')}
          confirmLabel={t('deleteConfirm')}
          danger
          onConfirm={async () => {
            const result = await deleteRoleAction({ roleId: deleting.key });
            if (!result.ok) return result.error.message;
            toast.success(t('deleted', { name: deleting.name }));
            router.refresh();
            return null;
          }}
        />
      )}
    </div>
  );
}

function RoleDialog({ role, onClose }: { role: RoleView | null; onClose: () => void }) {
  const t = useTranslations('access.roles');
  const tCatalogue = useTranslations('permissions');
  const router = useRouter();
  const [picked, setPicked] = useState<Set<Permission>>(new Set(role?.permissions ?? []));
  const form = useActionForm({ fields: ['name', 'description', 'permissions'], report: 'inline' });
  const toggle = (p: Permission, on: boolean) => setPicked((s) => (on ? new Set(s).add(p) : new Set([...s].filter((x) => x !== p))));
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={role ? t('editTitle', { name: role.name }) : t('newTitle')}
      description={t('dialogDescription')}
      form={form}
      label={role ? t('save') : t('create')}
      onSubmit={async (event) => {
        const text = formText(new FormData(event.currentTarget), 'name', 'description');
        const permissions = [...picked];
        const done = role ? await form.submit(() => updateRoleAction({ roleId: role.key, ...text, permissions })) : await form.submit(() => createRoleAction({ ...text, permissions }));
        if (!done) return;
        onClose();
        router.refresh();
      }}
    >
      <TextField label={t('name')} name="name" defaultValue={role?.name ?? ''} required maxLength={60} autoComplete="off" autoFocus error={form.errors.name} />
      <TextField label={t('descriptionField')} name="description" defaultValue={role?.description ?? ''} maxLength={300} autoComplete="off" error={form.errors.description} />
      <div className="max-h-80 overflow-y-auto rounded-md border border-border p-3">
        {PERMISSION_CATALOGUE.map((area) => (
          <fieldset key={area.key} className="mb-3">
            <legend className="mb-1 text-sm font-semibold">{tCatalogue(`areas.${area.key}`)}</legend>
            {area.permissions.map((p) => (
              <label key={p.key} className="flex items-start gap-2 py-0.5 text-sm">
                <input type="checkbox" className="mt-1" checked={picked.has(p.key)} onChange={(e) => toggle(p.key, e.target.checked)} aria-describedby={`allows-${p.key}`} />
                <span>
                  <span className="font-mono text-xs">{p.key}</span> <span id={`allows-${p.key}`} className="text-muted">{tCatalogue(`allows.${p.key}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        ))}
        {form.errors.permissions && <p className="text-sm text-danger">{form.errors.permissions.join(' ')}</p>}
      </div>
    </FormDialog>
  );
}
