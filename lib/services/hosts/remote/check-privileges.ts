// Provisioning needs root on the machine: a root login, or a user with passwordless sudo (a
// password prompt would hang the job). Sets shell.root / shell.sudo for the commands that follow.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { StepIo } from '../drivers/step-io.ts';
import type { MachineShell } from './machine-shell.ts';

export type Privileges = 'root' | 'sudo';

export async function checkPrivileges(shell: MachineShell, io: StepIo): Promise<Privileges> {
  const id = await shell.run(['id', '-u'], io);
  if (id.stdout.trim() === '0') {
    shell.root = true;
    shell.sudo = false;
    io.log(msg('provisioning.log.asRoot', { user: shell.username }));
    return 'root';
  }
  const sudo = await shell.run(['sudo', '-n', 'id', '-u'], io, { okCodes: 'any', timeoutMs: 30_000 });
  if (sudo.code === 0 && sudo.stdout.trim() === '0') {
    shell.root = false;
    shell.sudo = true;
    io.log(msg('provisioning.log.withSudo', { user: shell.username, uid: id.stdout.trim() }));
    return 'sudo';
  }
  const why = sudo.code === 127 ? 'sudo is not installed' : (sudo.stderr.trim().split('\n')[0] ?? '').slice(0, 200) || `sudo exited with code ${sudo.code}`;
  throw new AppError(
    'PRECONDITION',
    msg('provisioning.errors.noRoot', { user: shell.username, host: shell.host, why }),
  );
}
