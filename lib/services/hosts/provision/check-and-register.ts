// The last step of every driver: connect to the new engine over TLS the way Wharf will from now
// on (its own client certificate, the engine's certificate checked against the host's own CA),
// then register the host with what it needs to manage the machine later, that CA included. A
// retry reuses the host id.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError, isAppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { seal } from '@/lib/crypto/secret-box.ts';
import { onUniqueViolation } from '@/lib/db/errors.ts';
import { newId } from '@/lib/db/new-id.ts';
import { probeEngine, type ProbeResult } from '@/lib/services/engine/index.ts';
import { connectionFromInput } from '../connection-from-input.ts';
import { connectedColumns, duplicateName } from '../register-host.ts';
import { ENGINE_TLS_PORT, pauseStep, throwIfCancelled, type StepIo } from '../drivers/step-io.ts';
import { issueRecordedClientCertificate } from '../pki/issue-recorded-certificate.ts';
import type { ProvisionContext } from './provision-context.ts';

/** Bound to the host row, like a host's connection secrets. */
export const machineSecretContext = (hostId: string) => `machine:${hostId}`;

const CONNECT_TIMEOUT_MS = 30_000;

export async function checkAndRegister(
  ctx: ProvisionContext,
  io: StepIo,
  machine: { address: string; public: Record<string, unknown>; secrets: Record<string, string> },
): Promise<void> {
  const { db, keyring, changes } = ctx.deps;
  const hostId = typeof ctx.machine.hostId === 'string' ? ctx.machine.hostId : newId();
  ctx.machine.hostId = hostId;
  const ca = await ctx.ca();
  const tls = await issueRecordedClientCertificate(ctx.deps, ca, { kind: 'console', hostId, hostName: ctx.hostName });
  const connection = connectionFromInput({ transport: 'tcp', host: machine.address, port: ENGINE_TLS_PORT, ca: tls.ca, cert: tls.cert, key: tls.key });
  io.log(msg('provisioning.log.connecting', { url: `tcp://${machine.address}:${ENGINE_TLS_PORT}` }));

  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  let probe: ProbeResult | null = null;
  for (let attempt = 1; !probe; attempt++) {
    throwIfCancelled(io);
    try {
      probe = await probeEngine(connection.spec);
    } catch (error) {
      if (Date.now() > deadline) {
        throw isAppError(error) ? new AppError('ENGINE_UNREACHABLE', msg('provisioning.errors.noTlsAnswer', { reason: error.said ?? error.message })) : error;
      }
      io.log(msg('provisioning.log.attempt', { attempt, reason: isAppError(error) ? (error.said ?? error.message) : msg('provisioning.log.noAnswerYet') }));
      await pauseStep(io, 1_000);
    }
  }
  io.log(msg('provisioning.log.answered', { version: probe.facts.engineVersion, name: probe.facts.name }));

  throwIfCancelled(io);
  const existing = await db.host.findUnique({ where: { id: hostId }, select: { id: true } });
  const data = {
    name: ctx.hostName,
    description: typeof ctx.options.description === 'string' && ctx.options.description ? ctx.options.description : null,
    ...connectedColumns(keyring, hostId, connection, probe),
    // Not addressOf(): provisioned hosts have always been stored this way, which leaves an IPv6
    // machine address without the brackets parseAddress needs to read it back.
    address: `${machine.address}:${ENGINE_TLS_PORT}`,
    driver: ctx.driver,
    machine: machine.public as Prisma.InputJsonValue,
    machineSealed: Object.keys(machine.secrets).length ? seal(keyring, JSON.stringify(machine.secrets), machineSecretContext(hostId)) : null,
    caId: ca.id,
  };
  await onUniqueViolation(
    () => (existing ? db.host.update({ where: { id: hostId }, data }) : db.host.create({ data: { id: hostId, createdById: ctx.createdById, ...data } })),
    () => duplicateName(ctx.hostName),
  );
  await db.provisionJob.update({ where: { id: ctx.jobId }, data: { hostId } });
  changes.publish({ type: existing ? 'host.updated' : 'host.added', hostId });
  io.log(msg('provisioning.log.registered', { name: ctx.hostName }));
}
