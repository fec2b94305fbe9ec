// Receivers for the audit forwarding tests: parsing what rsyslog (scripts/lab/syslog-receiver.ts)
// wrote, a plain node:http endpoint that records what it was sent (it is the receiver, not the
// thing under test), and a throwaway CA with a certificate for 127.0.0.1 (openssl, argv only).
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The SD-PARAMs of the one SD-ELEMENT `sdId` in rsyslog's structured-data field, unescaped. */
export function sdParams(structuredData: string, sdId: string): Record<string, string> | null {
  const start = structuredData.indexOf(`[${sdId} `);
  if (start < 0) return null;
  const params: Record<string, string> = {};
  let i = start + sdId.length + 2;
  while (i < structuredData.length && structuredData[i] !== ']') {
    if (structuredData[i] === ' ') {
      i++;
      continue;
    }
    const eq = structuredData.indexOf('="', i);
    const name = structuredData.slice(i, eq);
    let value = '';
    let j = eq + 2;
    for (; structuredData[j] !== '"'; j++) {
      if (structuredData[j] === '\\' && ['"', '\\', ']'].includes(structuredData[j + 1]!)) j++;
      value += structuredData[j];
    }
    params[name] = value;
    i = j + 1;
  }
  return params;
}

export type ReceivedPost = { headers: http.IncomingHttpHeaders; body: { source: string; chain: string; test?: boolean; entries: Record<string, unknown>[] } };

export type HttpReceiver = {
  url: string;
  posts: ReceivedPost[];
  /** What it answers: 200, or a failure status. */
  answer: number;
  close: () => Promise<void>;
  listen: () => Promise<void>;
};

/** A JSON endpoint on a loopback port; `close` takes it down (connections refused), `listen` brings it back on the same port. */
export async function httpReceiver(): Promise<HttpReceiver> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      if (receiver.answer === 200) receiver.posts.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(receiver.answer, { 'Content-Type': 'text/plain' }).end('ok');
    });
  });
  let port = 0;
  const listen = () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  await listen();
  port = (server.address() as AddressInfo).port;
  const receiver: HttpReceiver = {
    url: `http://127.0.0.1:${port}/audit`,
    posts: [],
    answer: 200,
    listen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return receiver;
}

const run = promisify(execFile);

/** A CA and a server certificate for 127.0.0.1 signed by it, as files and PEM. */
export async function loopbackCertificates(dir: string): Promise<{ caFile: string; certFile: string; keyFile: string; caPem: string }> {
  await mkdir(dir, { recursive: true });
  const f = (name: string) => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await run('openssl', ['req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=Wharf test receiver CA']);
  await run('openssl', ['req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1']);
  await writeFile(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  await run('openssl', ['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('server.pem'), '-days', '2', '-extfile', f('ext.cnf')]);
  return { caFile: f('ca.pem'), certFile: f('server.pem'), keyFile: f('server.key'), caPem: await readFile(f('ca.pem'), 'utf8') };
}
