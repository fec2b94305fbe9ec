// Registers an existing engine: checks the material, tests the connection (within 5 s), pins the
// SSH host key on first use, and stores the host with its secrets sealed. Nothing is saved
// unless the engine answered.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor, type AuditSubject } from '@/lib/auth/actor.ts';
import type { Keyring } from '@/lib/crypto/secret-box.ts';
import { onUniqueViolation } from '@/lib/db/errors.ts';
import { newId } from '@/lib/db/new-id.ts';
import { addressOf, type ConnectionSpec } from '@/lib/models/hosts/connection-spec.ts';
import { engineIdOf, findSameEngine, sameEngineMessage } from '@/lib/models/hosts/same-engine.ts';
import { probeEngine, PROBE_TIMEOUT_MS, type ProbeResult } from '@/lib/services/engine/index.ts';
import type { RegisterHostInput } from '@/lib/schemas/hosts.ts';
import type { ServiceDeps } from '../deps.ts';
import { connectionFromInput, type ConnectionInfo } from './connection-from-input.ts';
import { screenConnection, type ScreenedTarget } from './connection-target.ts';
import { sealSecrets } from './host-connection.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring' | 'changes'>;

export const duplicateName = (name: string) =>
  new AppError('CONFLICT', msg('hosts.errors.nameExists', { name }), { fieldErrors: { name: [issueText('hosts.errors.nameTaken')] } });

/**
 * The columns of a host row whose engine just answered over `spec`: how Wharf connects (secrets
 * sealed to the row, the SSH host key pinned), and up, with the facts the probe read.
 */
export function connectedColumns(keyring: Keyring, hostId: string, connection: { spec: ConnectionSpec; info: ConnectionInfo }, probe: ProbeResult) {
  const { spec, info } = connection;
  return {
    transport: spec.transport,
    address: addressOf(spec),
    secretsSealed: sealSecrets(keyring, hostId, spec),
    sshHostKey: spec.transport === 'ssh' ? probe.sshHostKey : null,
    connectionInfo: info as Prisma.InputJsonValue,
    status: 'up',
    statusReason: null,
    statusSince: new Date(),
    facts: probe.facts as unknown as Prisma.InputJsonValue,
    factsAt: new Date(),
  };
}

export async function assertNameFree(db: ServiceDeps['db'], name: string, exceptId?: string): Promise<void> {
  const clash = await db.host.findFirst({ where: { name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw duplicateName(name);
}

/** Refuses an engine another host already reaches (same engine ID), naming that host. */
export async function assertEngineNew(db: ServiceDeps['db'], probe: ProbeResult, exceptHostId?: string): Promise<void> {
  const rows = await db.host.findMany({ select: { id: true, name: true, transport: true, address: true, facts: true } });
  const existing = findSameEngine(probe.facts.engineId, rows.map((r) => ({ id: r.id, name: r.name, transport: r.transport, address: r.address, engineId: engineIdOf(r.facts) })), exceptHostId);
  if (existing) throw new AppError('CONFLICT', sameEngineMessage(existing));
}

/** A user's host: where it connects is judged for them first (screenConnection), and probed at the address judged. */
export async function registerHost(deps: Deps, actor: Actor, input: RegisterHostInput): Promise<{ id: string; name: string }> {
  return registerHostFor(deps, { subject: subjectOf(actor), userId: actor.id }, input, (spec) => screenConnection(actor, spec));
}

/** Registering on behalf of someone, or of Wharf itself (userId null, no screen) when it finds the local engine. */
export async function registerHostFor(
  deps: Deps,
  by: { subject: AuditSubject; userId: string | null },
  input: RegisterHostInput,
  screen: (spec: ConnectionSpec) => Promise<ScreenedTarget> = async () => ({ connectTo: null }),
): Promise<{ id: string; name: string }> {
  return audited(deps.db, by.subject, 'host.create', { type: 'host', name: input.name }, async () => {
    await assertNameFree(deps.db, input.name);
    const connection = connectionFromInput(input);
    const { connectTo } = await screen(connection.spec);
    const probe = await probeEngine(connection.spec, PROBE_TIMEOUT_MS, connectTo ?? undefined);
    await assertEngineNew(deps.db, probe);
    const id = newId();
    await onUniqueViolation(
      () => deps.db.host.create({ data: { id, name: input.name, description: input.description || null, ...connectedColumns(deps.keyring, id, connection, probe), createdById: by.userId } }),
      () => duplicateName(input.name),
    );
    deps.changes.publish({ type: 'host.added', hostId: id });
    return { id, name: input.name };
  }, (host) => ({ id: host.id }));
}
