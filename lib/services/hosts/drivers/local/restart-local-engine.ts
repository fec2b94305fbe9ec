// Restarting a local machine's engine: stop (containers get their stop time), then start with the
// given certificates. Callers may just as well compose stopLocalEngine and startLocalEngine.
import 'server-only';
import type { EngineTlsFiles, StepIo } from '../step-io.ts';
import type { LocalMachine } from './local-layout.ts';
import { startLocalEngine } from './start-local-engine.ts';
import { stopLocalEngine } from './stop-local-engine.ts';

export async function restartLocalEngine(machine: LocalMachine, tls: EngineTlsFiles, io: StepIo): Promise<void> {
  await stopLocalEngine(machine, io);
  await startLocalEngine(machine, tls, io);
}
