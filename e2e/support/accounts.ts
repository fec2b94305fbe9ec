// The accounts the end-to-end tests use. The administrator is created through the first-run
// page; the others through the Users page, by that administrator.
export const ADMIN = { username: 'admin', password: 'wharf-admin-password' };
export const OPERATOR = { username: 'olivia', password: 'operator-password-1' };
export const VIEWER = { username: 'victor', password: 'viewer-password-12' };
export const ADMIN_STATE = 'test-results/.auth/admin.json';
/** The e2e console's output (e2e/support/start-console.ts), where it prints the setup token. */
export const CONSOLE_LOG = '/tmp/wharf-e2e-console.log';
/** The e2e console's own log (JSON lines, info and up), kept after the run. */
export const CONSOLE_EVENTS = '/tmp/wharf-e2e-console-events.log';

/** The one username rule, as the setup form and the new-user form both state it (lib/schemas/users.ts). */
export const USERNAME_RULE = '2 to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit; capitals become lowercase.';
