'use client';
// The role picker: a labelled select whose hint describes what the chosen role may do.
import { SelectField } from '@/components/ui/field.tsx';
import { isRoleKey, ROLE_KEYS, ROLES, type RoleKey } from '@/lib/auth/permissions.ts';

export function RoleField({ value, onChange, error, autoFocus }: { value: RoleKey; onChange: (role: RoleKey) => void; error?: string[]; autoFocus?: boolean }) {
  return (
    <SelectField
      label="Role"
      name="role"
      value={value}
      onChange={(event) => {
        if (isRoleKey(event.target.value)) onChange(event.target.value);
      }}
      error={error}
      hint={ROLES[value].description}
      autoFocus={autoFocus}
    >
      {ROLE_KEYS.map((key) => (
        <option key={key} value={key}>
          {ROLES[key].label}
        </option>
      ))}
    </SelectField>
  );
}
