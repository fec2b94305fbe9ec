// The generic driver: an existing Linux machine Wharf reaches over SSH (key auth, root or sudo),
// like Docker Machine's generic driver. Wharf did not make the machine, so it never deletes it.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { MachineRecord, ProvisionDriver, ProvisionedMachine } from '../provision/provision-context.ts';
import { judgeName } from '../connection-target.ts';
import { controlEngine } from '../remote/control-engine.ts';
import { replaceCertificatesOverSsh, sshMachineSteps, withMachineShell, type LoginOf } from './ssh-machine-steps.ts';
import type { SshLogin } from './step-io.ts';

const loginOf: LoginOf = (machine, secrets, options) => ({
  host: String(machine.address ?? options.address),
  port: Number(machine.sshPort ?? options.port ?? 22),
  username: String(machine.sshUser ?? options.username ?? 'root'),
  privateKey: secrets.privateKey ?? '',
  hostKey: typeof machine.sshHostKey === 'string' ? machine.sshHostKey : null,
});

const hostLogin = (target: ProvisionedMachine): SshLogin => loginOf(target.machine, target.secrets, {});

const publicMachine = (machine: MachineRecord) => ({
  address: machine.address,
  sshUser: machine.sshUser,
  sshPort: machine.sshPort,
  sshHostKey: machine.sshHostKey,
  sudo: machine.sudo,
  os: machine.os,
  serverCertificate: machine.serverCertificate,
});

export function createGenericProvisionDriver(): ProvisionDriver {
  return {
    steps: {
      async 'pre-create'(ctx, io) {
        const address = String(ctx.options.address);
        // Judged on what the name resolves to, as connection tests are (no metadata or link-local address).
        const { refused } = await judgeName(address);
        if (refused) throw new AppError('INVALID_INPUT', msg('provisioning.errors.refusedLogin', { target: refused }));
        ctx.machine.address = address;
        ctx.machine.sshPort = Number(ctx.options.port ?? 22);
        ctx.machine.sshUser = String(ctx.options.username ?? 'root');
        io.log(msg('provisioning.log.willLogIn', { login: `${ctx.machine.sshUser}@${address}:${ctx.machine.sshPort}` }));
      },
      ...sshMachineSteps(loginOf, {
        sshTimeoutMs: 30_000,
        publicMachine: (ctx) => publicMachine(ctx.machine),
        machineSecrets: (ctx) => ({ privateKey: ctx.secrets.privateKey ?? '' }),
      }),
    },
    async cleanUp() {
      throw new AppError('PRECONDITION', msg('provisioning.errors.notCreatedNothingToDelete'));
    },
    lifecycle: {
      power: (target, action, io) => withMachineShell(target, hostLogin(target), io, (shell) => controlEngine(shell, action, io)),
      replaceServerCertificate: (target, files, io) => withMachineShell(target, hostLogin(target), io, (shell) => replaceCertificatesOverSsh(shell, files, io)),
      async deleteMachine() {
        throw new AppError('PRECONDITION', msg('provisioning.errors.notCreatedForget'));
      },
      sshLogin: hostLogin,
    },
  };
}
