// The create-and-run form: its text fields (one port, variable or volume per line) parsed into
// structured values, and the structured form turned into the engine's create body. Pure.
import { issueText } from '@/lib/i18n/message.ts';

export type PortMapping = { hostIp: string | null; hostPort: number | null; containerPort: number; protocol: 'tcp' | 'udp' };
export type VolumeMapping = { source: string; target: string; readOnly: boolean };
export type RestartPolicy = 'no' | 'always' | 'unless-stopped' | 'on-failure';

export type ContainerForm = {
  image: string;
  name: string | null;
  command: string[];
  ports: PortMapping[];
  env: { name: string; value: string }[];
  volumes: VolumeMapping[];
  restart: RestartPolicy;
  cpus: number | null;
  memoryMb: number | null;
  network: string | null;
  privileged: boolean;
};

/** `error`: a message as an issue string (issueText), said in the reader's language by the door. */
type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const lines = (text: string) => text.split(/\r?\n/).map((l, i) => ({ text: l.trim(), n: i + 1 })).filter((l) => l.text !== '' && !l.text.startsWith('#'));

const portNumber = (s: string) => (/^\d{1,5}$/.test(s) && Number(s) >= 1 && Number(s) <= 65535 ? Number(s) : null);

/** "8080:80", "127.0.0.1:8080:80/udp", "80" (exposed, random host port: no), one per line. */
export function parsePorts(text: string): Parsed<PortMapping[]> {
  const out: PortMapping[] = [];
  for (const { text: line, n } of lines(text)) {
    const m = /^(?:(?:(\d{1,3}(?:\.\d{1,3}){3}):)?(\d{1,5})?:)?(\d{1,5})(?:\/(tcp|udp))?$/.exec(line);
    const containerPort = m ? portNumber(m[3]) : null;
    const hostPort = m?.[2] ? portNumber(m[2]) : null;
    if (!m || containerPort === null || (m[2] && hostPort === null)) return { ok: false, error: issueText('modelText.containerForm.notAPort', { line: String(n), text: line }) };
    out.push({ hostIp: m[1] ?? null, hostPort, containerPort, protocol: (m[4] as 'tcp' | 'udp' | undefined) ?? 'tcp' });
  }
  if (out.length > 64) return { ok: false, error: issueText('modelText.containerForm.tooManyPorts', { max: '64' }) };
  return { ok: true, value: out };
}

/** "NAME=value", one per line; the value may contain "=". */
export function parseEnv(text: string): Parsed<{ name: string; value: string }[]> {
  const out: { name: string; value: string }[] = [];
  for (const { text: line, n } of lines(text)) {
    const at = line.indexOf('=');
    const name = at < 0 ? line : line.slice(0, at);
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) return { ok: false, error: issueText('modelText.containerForm.notAName', { line: String(n), name: name.slice(0, 40) }) };
    if (at < 0) return { ok: false, error: issueText('modelText.containerForm.noValue', { line: String(n), name }) };
    out.push({ name, value: line.slice(at + 1) });
  }
  if (out.length > 200) return { ok: false, error: issueText('modelText.containerForm.tooManyVariables', { max: '200' }) };
  return { ok: true, value: out };
}

/** "data:/var/lib/data", "data:/srv:ro", "/host/path:/in" (a host path: refused by the policy for most roles). */
export function parseVolumes(text: string): Parsed<VolumeMapping[]> {
  const out: VolumeMapping[] = [];
  for (const { text: line, n } of lines(text)) {
    const parts = line.split(':');
    const [source, target, mode] = parts.length === 1 ? ['', parts[0], undefined] : parts;
    if (parts.length > 3 || !target?.startsWith('/') || (mode !== undefined && mode !== 'ro' && mode !== 'rw') || (source && !/^(\/|[A-Za-z0-9][A-Za-z0-9_.-]*$)/.test(source))) {
      return { ok: false, error: issueText('modelText.containerForm.notAVolume', { line: String(n), text: line }) };
    }
    out.push({ source, target, readOnly: mode === 'ro' });
  }
  if (out.length > 32) return { ok: false, error: issueText('modelText.containerForm.tooManyVolumes', { max: '32' }) };
  return { ok: true, value: out };
}

export const CREATED_BY_LABEL = 'wharf.created-by';

/** POST /containers/create body for the form. */
export function toCreateBody(form: ContainerForm, createdBy: string, extraLabels: Record<string, string> = {}): Record<string, unknown> {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of form.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    if (p.hostPort !== null) (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: String(p.hostPort) });
  }
  const mounts = form.volumes.map((v) =>
    v.source === '' ? { Type: 'volume', Target: v.target, ReadOnly: v.readOnly } : v.source.startsWith('/') ? { Type: 'bind', Source: v.source, Target: v.target, ReadOnly: v.readOnly } : { Type: 'volume', Source: v.source, Target: v.target, ReadOnly: v.readOnly },
  );
  return {
    Image: form.image,
    ...(form.command.length ? { Cmd: form.command } : {}),
    Env: form.env.map((e) => `${e.name}=${e.value}`),
    ExposedPorts: exposed,
    Labels: { ...extraLabels, [CREATED_BY_LABEL]: createdBy },
    HostConfig: {
      PortBindings: bindings,
      Mounts: mounts,
      RestartPolicy: { Name: form.restart, ...(form.restart === 'on-failure' ? { MaximumRetryCount: 0 } : {}) },
      ...(form.cpus ? { NanoCpus: Math.round(form.cpus * 1e9) } : {}),
      ...(form.memoryMb ? { Memory: form.memoryMb * 1024 * 1024 } : {}),
      ...(form.network ? { NetworkMode: form.network } : {}),
      ...(form.privileged ? { Privileged: true } : {}),
    },
  };
}
