// A real syslog receiver for the audit forwarding tests: Debian's rsyslogd (installed by
// packages.ts), listening with imtcp on a loopback port (plain, or TLS through the ossl driver)
// and writing every message it parsed as one JSON line to a file the test reads. The test owns
// the process: it starts it, stops it (the receiver "down") and starts it again on the same port.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fsp } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { childEnv, tailFile, waitFor } from './run.ts';
import { pickFreePort } from '@/lib/net/ports.ts';

export type SyslogReceiverTls = { certFile: string; keyFile: string; caFile: string };

/** One message as rsyslog parsed it (RFC 5424 fields, structured data as rsyslog prints it). */
export type ReceivedSyslog = {
  pri: string;
  version: string;
  timestamp: string;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  structuredData: string;
  msg: string;
};

export type SyslogReceiver = {
  port: number;
  file: string;
  running: () => boolean;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  /** Every message received so far, in the order rsyslog wrote them. */
  received: () => Promise<ReceivedSyslog[]>;
};

function config(dir: string, port: number, file: string, tls: SyslogReceiverTls | undefined): string {
  const jsonField = (outname: string, name: string, extra = '') => `  property(outname="${outname}" name="${name}" format="jsonf"${extra})`;
  return [
    '# Wharf lab: syslog receiver for the audit forwarding tests (scripts/lab/syslog-receiver.ts)',
    `global(workDirectory="${dir}" maxMessageSize="64k" parser.escapeControlCharactersOnReceive="off"${
      tls ? ` defaultNetstreamDriverCAFile="${tls.caFile}" defaultNetstreamDriverCertFile="${tls.certFile}" defaultNetstreamDriverKeyFile="${tls.keyFile}"` : ''
    })`,
    tls ? 'module(load="imtcp" streamDriver.name="ossl" streamDriver.mode="1" streamDriver.authMode="anon")' : 'module(load="imtcp")',
    'template(name="wharfJson" type="list" option.jsonf="on") {',
    jsonField('pri', 'pri'),
    jsonField('version', 'protocol-version'),
    jsonField('timestamp', 'timereported', ' dateFormat="rfc3339"'),
    jsonField('hostname', 'hostname'),
    jsonField('appName', 'app-name'),
    jsonField('procId', 'procid'),
    jsonField('msgId', 'msgid'),
    jsonField('structuredData', 'structured-data'),
    jsonField('msg', 'msg'),
    '}',
    `ruleset(name="wharf") { action(type="omfile" file="${file}" template="wharfJson") }`,
    `input(type="imtcp" address="127.0.0.1" port="${port}" ruleset="wharf")`,
    '',
  ].join('\n');
}

/** Makes a receiver in `dir` (not started). Its port stays the same across stop and start. */
export async function syslogReceiver(dir: string, options: { tls?: SyslogReceiverTls } = {}): Promise<SyslogReceiver> {
  await fsp.mkdir(dir, { recursive: true });
  const port = await pickFreePort();
  const file = join(dir, 'received.jsonl');
  const configFile = join(dir, 'rsyslog.conf');
  const logFile = join(dir, 'rsyslogd.log');
  await fsp.writeFile(configFile, config(dir, port, file, options.tls));
  let child: ChildProcess | null = null;

  const listening = () =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });

  const receiver: SyslogReceiver = {
    port,
    file,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    async start() {
      if (receiver.running()) return;
      const log = await fsp.open(logFile, 'a');
      const started = spawn('rsyslogd', ['-n', '-f', configFile, '-i', join(dir, 'rsyslogd.pid')], { env: childEnv(), stdio: ['ignore', log.fd, log.fd] });
      child = started;
      await log.close();
      try {
        await waitFor(
          `rsyslogd listening on 127.0.0.1:${port}`,
          async () => {
            if (started.exitCode !== null) throw new Error(`rsyslogd exited with ${started.exitCode}`);
            return listening();
          },
          20_000,
          100,
        );
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${tailFile(logFile, 20)}`, { cause: error });
      }
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      await exited;
    },
    async received() {
      if (!existsSync(file)) return [];
      const text = await fsp.readFile(file, 'utf8');
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as ReceivedSyslog);
    },
  };
  return receiver;
}
