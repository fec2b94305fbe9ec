// Whether an engine answers GET /_ping on its unix socket.
import { request } from 'node:http';

export function pingUnixSocket(socketPath: string, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', headers: { Host: 'docker' }, agent: false });
    const timer = setTimeout(() => req.destroy(new Error('timeout')), timeoutMs);
    req.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve(res.statusCode === 200 && Buffer.concat(chunks).toString('utf8').trim() === 'OK');
      });
    });
    req.end();
  });
}
