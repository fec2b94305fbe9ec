// The local driver as provisioning and lifecycle see it: a sandbox (network namespace, its own
// dockerd and data folder) on the console's machine, through lib/services/hosts/drivers/local.
import 'server-only';
import { promises as fsp } from 'node:fs';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { issueServerCertificate } from '../pki/certificates.ts';
import { checkAndRegister } from '../provision/check-and-register.ts';
import type { MachineRecord, ProvisionContext, ProvisionDriver } from '../provision/provision-context.ts';
import type { EngineTlsFiles, StepIo } from './step-io.ts';
import {
  assertLocalMachine,
  assertLocalSupport,
  createLocalMachine,
  localEnginePaths,
  removeLocalMachine,
  restartLocalEngine,
  startLocalEngine,
  stopLocalEngine,
  type LocalMachine,
} from './local/index.ts';

/** A host name as a sandbox hostname: lowercase letters, digits and dashes. Pure. */
export function sandboxHostname(hostName: string): string {
  const cleaned = hostName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return cleaned || 'wharf-local';
}

function machineOf(record: MachineRecord): LocalMachine {
  if (!record.local) throw new AppError('PRECONDITION', msg('provisioning.errors.noSandboxYet'));
  return assertLocalMachine(record.local);
}

async function readTlsFiles(machine: LocalMachine): Promise<EngineTlsFiles> {
  const paths = localEnginePaths(machine);
  try {
    const [caPem, certPem, keyPem] = await Promise.all([paths.caFile, paths.certFile, paths.keyPemFile].map((p) => fsp.readFile(p, 'utf8')));
    return { caPem: caPem!, certPem: certPem!, keyPem: keyPem! };
  } catch {
    throw new AppError('PRECONDITION', msg('provisioning.errors.sandboxCertsMissing', { dir: paths.tlsDir }));
  }
}

async function writeTlsFiles(machine: LocalMachine, files: EngineTlsFiles): Promise<void> {
  const paths = localEnginePaths(machine);
  await fsp.mkdir(paths.tlsDir, { recursive: true, mode: 0o700 });
  await fsp.writeFile(paths.caFile, files.caPem, { mode: 0o644 });
  await fsp.writeFile(paths.certFile, files.certPem, { mode: 0o644 });
  await fsp.writeFile(paths.keyPemFile, files.keyPem, { mode: 0o600 });
}

async function usedAddresses(ctx: ProvisionContext): Promise<string[]> {
  const [hosts, jobs] = await Promise.all([
    ctx.deps.db.host.findMany({ where: { driver: 'local' }, select: { machine: true } }),
    ctx.deps.db.provisionJob.findMany({ where: { driver: 'local', cleanedAt: null, hostId: null, id: { not: ctx.jobId } }, select: { machine: true } }),
  ]);
  return [...hosts, ...jobs].map((r) => (r.machine as MachineRecord | null)?.address).filter((a): a is string => typeof a === 'string');
}

export function createLocalProvisionDriver(): ProvisionDriver {
  return {
    steps: {
      async 'pre-create'(ctx, io) {
        await assertLocalSupport();
        io.log(msg('provisioning.log.localReady'));
        io.log(msg('provisioning.log.sandboxFiles', { name: sandboxHostname(ctx.hostName), dir: `${ctx.deps.dataDir}/machines/` }));
      },
      async 'create-machine'(ctx, io) {
        const machine = await createLocalMachine({ machineId: ctx.jobId, hostname: sandboxHostname(ctx.hostName), dataDir: ctx.deps.dataDir, usedAddresses: await usedAddresses(ctx) }, io);
        ctx.machine.local = machine;
        ctx.machine.address = machine.address;
        ctx.machine.netns = machine.netns;
        ctx.machine.hostname = machine.hostname;
        io.log(msg('provisioning.log.sandboxAddress', { netns: machine.netns, address: machine.address }));
      },
      async certificates(ctx, io) {
        const machine = machineOf(ctx.machine);
        const ca = await ctx.ca();
        const server = await issueServerCertificate(ca, { hostName: machine.hostname, addresses: [machine.address, ctx.hostName] });
        await writeTlsFiles(machine, { caPem: ca.certPem, certPem: server.certPem, keyPem: server.keyPem });
        ctx.machine.serverCertificate = { serial: server.serial, notAfter: server.notAfter.toISOString() };
        io.log(msg('provisioning.log.certWritten', { address: machine.address, serial: server.serial, dir: localEnginePaths(machine).tlsDir }));
      },
      async 'configure-daemon'(ctx, io) {
        const machine = machineOf(ctx.machine);
        await startLocalEngine(machine, await readTlsFiles(machine), io);
      },
      async 'check-connection'(ctx, io) {
        const machine = machineOf(ctx.machine);
        await checkAndRegister(ctx, io, {
          address: machine.address,
          public: { address: machine.address, netns: machine.netns, hostname: machine.hostname, local: machine, serverCertificate: ctx.machine.serverCertificate },
          secrets: {},
        });
      },
    },
    async cleanUp(ctx, io) {
      if (!ctx.machine.local) {
        io.log(msg('provisioning.log.noSandbox'));
        return;
      }
      await removeLocalMachine(machineOf(ctx.machine), io);
      io.log(msg('provisioning.log.sandboxRemoved'));
    },
    lifecycle: {
      async power(target, action, io) {
        const machine = machineOf(target.machine);
        if (action === 'stop') await stopLocalEngine(machine, io);
        else if (action === 'start') await startLocalEngine(machine, await readTlsFiles(machine), io);
        else await restartLocalEngine(machine, await readTlsFiles(machine), io);
      },
      async replaceServerCertificate(target, files, io: StepIo) {
        const machine = machineOf(target.machine);
        await writeTlsFiles(machine, files);
        await restartLocalEngine(machine, files, io);
      },
      async deleteMachine(target, io) {
        await removeLocalMachine(machineOf(target.machine), io);
      },
      sshLogin: () => null,
    },
  };
}
