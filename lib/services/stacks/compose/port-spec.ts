// Short port syntax ("8080:80", "8000-8001:80-81/udp", "127.0.0.1:53:53/udp") to the port configs
// the CLI makes of it (go-connections nat.ParsePortSpec, then one entry per published port). Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { isIP } from 'node:net';

export type ComposePort = { mode: string; target: number; published?: number; protocol: string };

export type ParsedPorts = { ports: ComposePort[]; warnings: Message[] } | { error: Message };

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/** nat.ParsePortRange: "80" or "8000-8001", each within 0..65535. */
function parseRange(text: string): [number, number] | null {
  const parts = text.split('-');
  if (parts.length > 2 || parts.some((p) => !/^\d+$/.test(p))) return null;
  const [start, end] = [Number(parts[0]), Number(parts[parts.length - 1])];
  if (start > 65535 || end > 65535 || end < start) return null;
  return [start, end];
}

/** nat's split: the last part is the container port, the one before the host port, anything before that the IP. */
function splitParts(raw: string): [string, string, string] {
  const parts = raw.split(':');
  const n = parts.length;
  if (n === 1) return ['', '', parts[0]];
  if (n === 2) return ['', parts[0], parts[1]];
  return [parts.slice(0, n - 2).join(':'), parts[n - 2], parts[n - 1]];
}

const isIp = (text: string) => isIP(text) !== 0;

export function parsePortSpec(raw: string): ParsedPorts {
  const [firstIp, hostPort, containerPart] = splitParts(raw);
  let ip = firstIp;
  let proto = 'tcp';
  let containerPort = containerPart;
  const slash = containerPart.split('/');
  if (containerPart === '' || slash[0] === '') containerPort = '';
  else if (slash.length > 1) {
    containerPort = slash[0];
    if (slash[1] !== '') proto = slash[1];
  }
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  if (ip !== '' && !isIp(ip)) return { error: msg('composeChecks.ports.invalidIp', { ip }) };
  if (containerPort === '') return { error: msg('composeChecks.ports.noPort', { spec: `${raw}<empty>` }) };
  const container = parseRange(containerPort);
  if (!container) return { error: msg('composeChecks.ports.invalidContainerPort', { port: containerPort }) };
  let host: [number, number] = [0, 0];
  if (hostPort !== '') {
    const parsed = parseRange(hostPort);
    if (!parsed) return { error: msg('composeChecks.ports.invalidHostPort', { port: hostPort }) };
    host = parsed;
  }
  const [start, end] = container;
  // A host range with a single container port publishes that port on each host port in the range.
  if (hostPort !== '' && end - start !== host[1] - host[0] && end !== start) {
    return { error: msg('composeChecks.ports.rangeMismatch', { container: containerPort, host: hostPort }) };
  }
  const protocol = proto.toLowerCase();
  if (!PROTOCOLS.has(protocol)) return { error: msg('composeChecks.ports.invalidProto', { proto }) };

  const warnings: Message[] = [];
  if (ip !== '' && ip !== '0.0.0.0' && ip !== '::') warnings.push(msg('composeChecks.ports.ipIgnored', { spec: raw }));

  // The CLI orders a range's ports as strings ("100/tcp" before "99/tcp").
  const mappings: { key: string; target: number; hostStart: number; hostEnd: number; hasHost: boolean }[] = [];
  for (let i = 0; i <= end - start; i++) {
    const target = start + i;
    if (hostPort === '') mappings.push({ key: `${target}/${protocol}`, target, hostStart: 0, hostEnd: 0, hasHost: false });
    else if (start === end) mappings.push({ key: `${target}/${protocol}`, target, hostStart: host[0], hostEnd: host[1], hasHost: true });
    else mappings.push({ key: `${target}/${protocol}`, target, hostStart: host[0] + i, hostEnd: host[0] + i, hasHost: true });
  }
  mappings.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const ports: ComposePort[] = [];
  for (const m of mappings) {
    if (!m.hasHost) {
      ports.push({ mode: 'ingress', target: m.target, protocol });
      continue;
    }
    for (let p = m.hostStart; p <= m.hostEnd; p++) ports.push({ mode: 'ingress', target: m.target, published: p, protocol });
  }
  return { ports, warnings };
}
