// Plain TCP forwarders from 127.0.0.1:<port> to a lab address, here or inside a host's network
// namespace. Engines treat a registry on loopback as insecure (plain HTTP) by default, and trust
// no other lab registry but the htpasswd one: so a test that needs an engine to push to the
// bearer-token registry reaches it at 127.0.0.1:<port>, one forwarder in the engine's namespace
// and one beside the console, under the same address. The forwarders only carry bytes.
import { spawn } from 'node:child_process';
import net from 'node:net';

export type LoopbackForward = { close: () => Promise<void> };

const FORWARD = `const net = require('net'); const [port, host, to] = process.argv.slice(1);
net.createServer((c) => { const u = net.connect(Number(to), host); c.pipe(u).pipe(c); c.on('error', () => u.destroy()); u.on('error', () => c.destroy()); })
  .listen(Number(port), '127.0.0.1', () => console.log('listening'));`;

/** Forwards 127.0.0.1:`port` to `to`, in this process or (with `netns`) in a child inside that namespace. */
export async function forwardLoopback(port: number, to: { host: string; port: number }, netns?: string): Promise<LoopbackForward> {
  if (netns) {
    const child = spawn('nsenter', [`--net=/var/run/netns/${netns}`, process.execPath, '-e', FORWARD, String(port), to.host, String(to.port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
      child.on('exit', (code) => reject(new Error(`the forwarder in ${netns} exited (${code})`)));
    });
    return {
      close: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    };
  }
  const open = new Set<net.Socket>();
  const server = net.createServer((c) => {
    const u = net.connect(to.port, to.host);
    for (const s of [c, u]) {
      open.add(s);
      s.on('close', () => open.delete(s));
    }
    c.pipe(u).pipe(c);
    c.on('error', () => u.destroy());
    u.on('error', () => c.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of open) s.destroy();
      }),
  };
}
