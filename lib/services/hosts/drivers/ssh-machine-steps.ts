// The steps every machine reached over SSH goes through (the generic driver, and a droplet once
// it is up): log in, check privileges, detect the OS, install Docker, put certificates in place,
// configure dockerd for TLS on 2376, and check the connection. Each is safe to run again.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { issueServerCertificate } from '../pki/certificates.ts';
import { checkAndRegister } from '../provision/check-and-register.ts';
import type { MachineRecord, ProvisionContext, ProvisionedMachine, StepRun } from '../provision/provision-context.ts';
import type { StepKey } from '@/lib/models/hosts/provision-plan.ts';
import { checkEnginePort } from '../remote/check-engine-port.ts';
import { checkPrivileges } from '../remote/check-privileges.ts';
import { configureEngine, installEngineCertificates, replaceEngineCertificates } from '../remote/configure-engine.ts';
import { detectOs, type MachineOs } from '../remote/detect-os.ts';
import { installDocker } from '../remote/install-docker.ts';
import { connectMachine, type MachineShell } from '../remote/machine-shell.ts';
import type { EngineTlsFiles, SshLogin, StepIo } from './step-io.ts';

const SHELL = 'ssh-shell';

/** Where a run or a host logs in: the driver says how (options for generic, the droplet for DigitalOcean). */
export type LoginOf = (machine: MachineRecord, secrets: Record<string, string>, options: Readonly<Record<string, unknown>>) => SshLogin;

/** Opens (or reuses, within one run) the SSH session, pinning the host key on first use. */
async function shellFor(ctx: ProvisionContext, loginOf: LoginOf, io: StepIo, timeoutMs = 30_000): Promise<MachineShell> {
  const open = ctx.live.get(SHELL) as MachineShell | undefined;
  if (open) return open;
  const shell = await connectMachine(loginOf(ctx.machine, ctx.secrets, ctx.options), io, { timeoutMs });
  ctx.live.set(SHELL, shell);
  ctx.machine.sshHostKey = shell.hostKey;
  await checkPrivileges(shell, io);
  ctx.machine.sudo = shell.sudo;
  return shell;
}

/** A fresh cloud machine may still be running cloud-init (installing packages): wait for it to finish. */
async function waitForCloudInit(shell: MachineShell, io: StepIo): Promise<void> {
  const present = await shell.run(['sh', '-c', 'command -v cloud-init'], io, { okCodes: 'any' });
  if (present.code !== 0) return;
  io.log(msg('provisioning.log.waitCloudInit'));
  const result = await shell.run(['cloud-init', 'status', '--wait'], io, { sudo: true, okCodes: 'any', timeoutMs: 15 * 60_000 });
  io.log(`cloud-init: ${result.stdout.trim().split('\n').at(-1) ?? 'done'}`);
}

export function sshMachineSteps(loginOf: LoginOf, options: { sshTimeoutMs: number; waitForCloudInit?: boolean; publicMachine: (ctx: ProvisionContext) => MachineRecord; machineSecrets: (ctx: ProvisionContext) => Record<string, string> }): Partial<Record<StepKey, StepRun>> {
  return {
    async 'wait-ssh'(ctx, io) {
      const shell = await shellFor(ctx, loginOf, io, options.sshTimeoutMs);
      io.log(msg('provisioning.log.loggedIn', { user: shell.username, sudo: shell.sudo ? 'yes' : 'no', hostKey: shell.hostKey }));
    },
    async 'detect-os'(ctx, io) {
      const shell = await shellFor(ctx, loginOf, io);
      const os = await detectOs(shell, io);
      ctx.machine.os = os;
      io.log(msg('provisioning.log.osFound', { name: os.prettyName, arch: os.arch, systemd: os.systemd ? 'yes' : 'no' }));
    },
    async 'install-docker'(ctx, io) {
      const shell = await shellFor(ctx, loginOf, io);
      const os = ctx.machine.os as MachineOs | undefined;
      if (!os) throw new AppError('PRECONDITION', msg('provisioning.errors.osNotDetected'));
      if (options.waitForCloudInit) await waitForCloudInit(shell, io);
      await installDocker(shell, os, io);
    },
    async certificates(ctx, io) {
      const shell = await shellFor(ctx, loginOf, io);
      const address = String(ctx.machine.address);
      const ca = await ctx.ca();
      const server = await issueServerCertificate(ca, { hostName: ctx.hostName, addresses: [address] });
      await installEngineCertificates(shell, { caPem: ca.certPem, certPem: server.certPem, keyPem: server.keyPem }, io);
      // Kept (sealed, with the run) so that configuring the daemon can be retried on its own.
      ctx.secrets.serverCertPem = server.certPem;
      ctx.secrets.serverKeyPem = server.keyPem;
      ctx.machine.serverCertificate = { serial: server.serial, notAfter: server.notAfter.toISOString() };
      io.log(msg('provisioning.log.certCopied', { address, serial: server.serial }));
    },
    async 'configure-daemon'(ctx, io) {
      const shell = await shellFor(ctx, loginOf, io);
      if (!ctx.secrets.serverCertPem || !ctx.secrets.serverKeyPem) throw new AppError('PRECONDITION', msg('provisioning.errors.serverCertMissing'));
      await checkEnginePort(shell, io);
      const ca = await ctx.ca();
      await configureEngine(shell, { caPem: ca.certPem, certPem: ctx.secrets.serverCertPem, keyPem: ctx.secrets.serverKeyPem }, io, { systemd: (ctx.machine.os as MachineOs | undefined)?.systemd });
    },
    async 'check-connection'(ctx, io) {
      await checkAndRegister(ctx, io, { address: String(ctx.machine.address), public: options.publicMachine(ctx), secrets: options.machineSecrets(ctx) });
    },
  };
}

/** Runs `work` in an SSH session to a provisioned host's machine (lifecycle actions). */
export async function withMachineShell<T>(target: ProvisionedMachine, login: SshLogin, io: StepIo, work: (shell: MachineShell) => Promise<T>): Promise<T> {
  const shell = await connectMachine(login, io, { timeoutMs: 15_000 });
  try {
    await checkPrivileges(shell, io);
    return await work(shell);
  } finally {
    shell.close();
  }
}

export async function replaceCertificatesOverSsh(shell: MachineShell, files: EngineTlsFiles, io: StepIo): Promise<void> {
  await replaceEngineCertificates(shell, files, io);
}
