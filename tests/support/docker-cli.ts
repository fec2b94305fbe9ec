// Running the docker CLI against a lab engine, argv only, for parity tests.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function dockerCli(socket: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
  const { stdout } = await run('docker', ['--host', `unix://${socket}`, ...args], { cwd: options.cwd, timeout: 120_000, env: { ...process.env, DOCKER_CLI_HINTS: 'false' } });
  return stdout;
}
