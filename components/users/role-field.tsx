'use client';
// The role picker: a labelled select whose hint describes what the chosen role may do.
import { useTranslations } from 'next-intl';
import { SelectField } from '@/components/ui/field.tsx';
import { isRoleKey, ROLE_KEYS, type RoleKey } from '@/lib/auth/permissions.ts';

export function RoleField({ value, onChange, error, autoFocus }: { value: RoleKey; onChange: (role: RoleKey) => void; error?: string[]; autoFocus?: boolean }) {
  const t = useTranslations('users.roleField');
  const tRoles = useTranslations('permissions');
  return (
    <SelectField
      label={t('label')}
      name="role"
      value={value}
      onChange={(event) => {
        if (isRoleKey(event.target.value)) onChange(event.target.value);
      }}
      error={error}
      hint={tRoles(`roles.${value}.description`)}
      autoFocus={autoFocus}
    >
      {ROLE_KEYS.map((key) => (
        <option key={key} value={key}>
          {tRoles(`roles.${key}.label`)}
        </option>
      ))}
    </SelectField>
  );
}
