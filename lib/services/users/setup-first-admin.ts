// First run: creates the first administrator, only while there are no users at all, and only for
// someone with access to the machine: the request must be addressed to one of the console's own
// names and carry the setup token the console printed at start (SetupGate). Two browsers racing
// through setup cannot both win: the check and the insert share a lock.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { hashPassword } from '@/lib/auth/password.ts';
import type { SetupAdminInput } from '@/lib/schemas/users.ts';
import type { ServiceDeps } from '../deps.ts';
import type { SetupGate } from './setup-gate.ts';

const SETUP_LOCK = 7_431_902_119;

export type SetupRequest = { ip: string | null; host: string | null };

export const ALREADY_SET_UP = 'Wharf is already set up. Sign in instead.';
export const WRONG_SETUP_TOKEN = 'That is not the setup token. Copy it from Wharf\'s output, on the line beginning "First-run setup" (a new one is made each time Wharf starts).';

export function foreignHostMessage(host: string | null): string {
  const shown = host ? `"${host.slice(0, 100)}"` : 'no address';
  return `Setup only works at an address of this machine, and this page was opened as ${shown}. Open Wharf by this machine's name or IP address, or at localhost on it (an SSH tunnel will do), or set WHARF_PUBLIC_URL to the address you use.`;
}

export async function needsSetup(deps: Pick<ServiceDeps, 'db'>): Promise<boolean> {
  return (await deps.db.user.count()) === 0;
}

export async function setupFirstAdmin(deps: Pick<ServiceDeps, 'db'> & { setup: SetupGate }, input: SetupAdminInput, request: SetupRequest): Promise<{ id: string; username: string }> {
  if (!deps.setup.isOpen) throw new AppError('CONFLICT', ALREADY_SET_UP);
  const refuse = async (message: string, field?: 'token') => {
    await recordAudit(deps.db, { subject: { id: null, name: input.username || '(setup)', ip: request.ip }, action: 'setup.first-admin', result: 'denied', message });
    return new AppError('FORBIDDEN', message, field ? { fieldErrors: { [field]: [message] } } : {});
  };
  if (!deps.setup.ownHost(request.host)) throw await refuse(foreignHostMessage(request.host));
  if (!deps.setup.tokenMatches(input.token)) throw await refuse(WRONG_SETUP_TOKEN, 'token');

  const passwordHash = await hashPassword(input.password);
  const user = await deps.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
    if ((await tx.user.count()) > 0) {
      throw new AppError('CONFLICT', ALREADY_SET_UP);
    }
    const user = await tx.user.create({
      data: { username: input.username, displayName: input.displayName ?? null, passwordHash, role: 'admin' },
      select: { id: true, username: true },
    });
    await tx.auditEntry.create({
      data: { actorId: user.id, actorName: user.username, ip: request.ip, action: 'setup.first-admin', targetType: 'user', targetId: user.id, targetName: user.username, result: 'succeeded' },
    });
    return user;
  });
  deps.setup.close();
  return user;
}
