// Edits a host. Renaming or describing needs no connection; changing how Wharf connects is
// tested first, like registering, and blank secret fields keep the stored ones.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { onUniqueViolation } from '@/lib/db/errors.ts';
import type { ConnectionSpec } from '@/lib/models/hosts/connection-spec.ts';
import { probeEngine, PROBE_TIMEOUT_MS } from '@/lib/services/engine/index.ts';
import type { UpdateHostInput } from '@/lib/schemas/hosts.ts';
import type { ServiceDeps } from '../deps.ts';
import { connectionFromInput } from './connection-from-input.ts';
import { screenConnection } from './connection-target.ts';
import { specOfHost } from './host-connection.ts';
import { assertEngineNew, assertNameFree, connectedColumns, duplicateName } from './register-host.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring' | 'changes'>;

function sameConnection(a: ConnectionSpec, b: ConnectionSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function updateHost(deps: Deps, actor: Actor, input: UpdateHostInput): Promise<void> {
  const host = await deps.db.host.findUnique({ where: { id: input.id } });
  if (!host) throw new AppError('NOT_FOUND', msg('hosts.errors.notFound'));

  await audited(deps.db, subjectOf(actor), 'host.update', { type: 'host', id: host.id, name: host.name }, async () => {
    if (input.name !== host.name) await assertNameFree(deps.db, input.name, host.id);

    const stored = specOfHost(deps.keyring, host);
    // Secret fields left blank keep the stored material of the same transport.
    const merged = { ...input } as UpdateHostInput & Record<string, unknown>;
    if (input.transport === 'tcp' && stored.transport === 'tcp') {
      merged.ca ||= stored.tls.ca;
      merged.cert ||= stored.tls.cert;
      merged.key ||= stored.tls.key;
    }
    if (input.transport === 'ssh' && stored.transport === 'ssh') {
      if (!input.privateKey) {
        merged.privateKey = stored.ssh.privateKey;
        merged.passphrase ||= stored.ssh.passphrase ?? '';
      }
    }
    const missing = input.transport === 'tcp' ? (['ca', 'cert', 'key'] as const).filter((f) => !merged[f]) : input.transport === 'ssh' && !merged.privateKey ? (['privateKey'] as const) : [];
    if (missing.length) {
      throw new AppError('INVALID_INPUT', msg('hosts.errors.switchNeedsMaterial'), {
        fieldErrors: Object.fromEntries(missing.map((f) => [f, [issueText('hosts.errors.requiredForTransport')]])),
      });
    }

    const trustNew = input.transport === 'ssh' && input.trustNewHostKey;
    const pinned = input.transport === 'ssh' && stored.transport === 'ssh' && !trustNew ? stored.hostKey : null;
    const connection = connectionFromInput(merged, pinned);

    const data: Prisma.HostUpdateInput = { name: input.name, description: input.description || null };
    if (!sameConnection(connection.spec, stored) && host.driver) {
      throw new AppError('PRECONDITION', msg('hosts.errors.provisionedConnection', { name: host.name }));
    }
    if (!sameConnection(connection.spec, stored)) {
      const { connectTo } = await screenConnection(actor, connection.spec);
      const probe = await probeEngine(connection.spec, PROBE_TIMEOUT_MS, connectTo ?? undefined);
      await assertEngineNew(deps.db, probe, host.id);
      Object.assign(data, connectedColumns(deps.keyring, host.id, connection, probe));
    }
    await onUniqueViolation(() => deps.db.host.update({ where: { id: host.id }, data }), () => duplicateName(input.name));
  });
  deps.changes.publish({ type: 'host.updated', hostId: host.id });
}
