// The create forms of a host's volumes and networks: their key=value lines (driver options,
// labels) parsed, and the engine's create bodies. Pure.
import { issueText } from '@/lib/i18n/message.ts';
import { parseCidr, parseIp, inCidr } from '@/lib/models/net/ip-address.ts';
import { CREATED_BY_LABEL } from './container-form.ts';

/** `error`: a message as an issue string (issueText), said in the reader's language by the door. */
type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const MAX_PAIRS = 64;

/** "key=value", one per line (blank lines and # comments skipped); the value may contain "=". */
export function parseKeyValues(text: string): Parsed<Record<string, string>> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/).map((l, i) => ({ line: l.trim(), n: String(i + 1) }));
  for (const { line, n } of lines) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    const key = (at < 0 ? line : line.slice(0, at)).trim();
    if (!/^[A-Za-z0-9][A-Za-z0-9_./-]{0,127}$/.test(key)) return { ok: false, error: issueText('modelText.objectForm.notAKey', { line: n, key: key.slice(0, 40) }) };
    if (at < 0) return { ok: false, error: issueText('modelText.objectForm.noValue', { line: n, key }) };
    if (key in out) return { ok: false, error: issueText('modelText.objectForm.twice', { line: n, key }) };
    out[key] = line.slice(at + 1).trim();
  }
  if (Object.keys(out).length > MAX_PAIRS) return { ok: false, error: issueText('modelText.objectForm.tooMany', { max: String(MAX_PAIRS) }) };
  return { ok: true, value: out };
}

export type VolumeForm = { name: string; driver: string; options: Record<string, string>; labels: Record<string, string> };

/** POST /volumes/create body. */
export function toVolumeBody(form: VolumeForm, createdBy: string): Record<string, unknown> {
  return { Name: form.name, Driver: form.driver, DriverOpts: form.options, Labels: { ...form.labels, [CREATED_BY_LABEL]: createdBy } };
}

export const NETWORK_DRIVERS = ['bridge', 'macvlan', 'ipvlan'] as const;
export type NetworkDriver = (typeof NETWORK_DRIVERS)[number];
export type NetworkForm = {
  name: string;
  driver: NetworkDriver;
  subnet: string | null;
  gateway: string | null;
  internal: boolean;
  attachable: boolean;
  options: Record<string, string>;
  labels: Record<string, string>;
};

/** POST /networks/create body. */
export function toNetworkBody(form: NetworkForm, createdBy: string): Record<string, unknown> {
  return {
    Name: form.name,
    Driver: form.driver,
    CheckDuplicate: true,
    Internal: form.internal,
    Attachable: form.attachable,
    Options: form.options,
    Labels: { ...form.labels, [CREATED_BY_LABEL]: createdBy },
    ...(form.subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: form.subnet, ...(form.gateway ? { Gateway: form.gateway } : {}) }] } } : {}),
  };
}

/** Why a subnet and gateway do not go together (an issue string), or null when they do. */
export function addressingProblem(subnet: string | null, gateway: string | null): { field: 'subnet' | 'gateway'; error: string } | null {
  const range = subnet ? parseCidr(subnet) : null;
  if (subnet && (!range || !subnet.includes('/'))) return { field: 'subnet', error: issueText('modelText.objectForm.notASubnet', { text: subnet }) };
  if (!gateway) return null;
  const ip = parseIp(gateway);
  if (!ip) return { field: 'gateway', error: issueText('modelText.objectForm.notAnAddress', { text: gateway }) };
  if (!range) return { field: 'gateway', error: issueText('modelText.objectForm.gatewayNeedsSubnet') };
  if (!inCidr(ip, range)) return { field: 'gateway', error: issueText('modelText.objectForm.gatewayOutside', { gateway, subnet: subnet ?? '' }) };
  return null;
}
