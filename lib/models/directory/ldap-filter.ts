// LDAP search filters from an administrator's template and what a user typed: every value is
// escaped as RFC 4515 says, so a username like "*)(uid=*" matches nothing instead of everyone.

/** Escapes a value for use inside an LDAP filter (RFC 4515 §3): \ * ( ) and NUL as \XX. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The template with each {name} replaced by its escaped value; unknown placeholders stay as typed. */
export function fillFilter(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? escapeFilterValue(values[name]!) : whole));
}
