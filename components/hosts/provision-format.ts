// How provisioning runs, DigitalOcean's catalogue and provisioned machines are shown. Pure: words
// are messages (provisioning.*), said in the page's language by the components.
import { msg, type Message } from '@/lib/i18n/message.ts';
import type { MachineView } from '@/lib/services/hosts/host-view.ts';
import type { DigitalOceanImage, DigitalOceanRegion, DigitalOceanSize } from '@/lib/services/hosts/drivers/digitalocean/digitalocean-types.ts';
import type { JobStatus, StepStatus } from '@/lib/models/hosts/provision-plan.ts';

export type Tone = 'neutral' | 'ok' | 'danger' | 'warn' | 'accent';

export const JOB_STATUS_TONES: Record<JobStatus, Tone> = {
  queued: 'neutral',
  running: 'accent',
  succeeded: 'ok',
  failed: 'danger',
  cancelled: 'warn',
  interrupted: 'warn',
};

/** A run's status as its words and tone; a status this console does not know is shown as it is. */
export const describeJobStatus = (status: string): { label: Message | string; tone: Tone } =>
  status in JOB_STATUS_TONES ? { label: msg(`provisioning.jobStatus.${status as JobStatus}`), tone: JOB_STATUS_TONES[status as JobStatus] } : { label: status, tone: 'neutral' };

const STEP_STATUSES: readonly StepStatus[] = ['pending', 'running', 'succeeded', 'failed', 'cancelled', 'skipped'];

export const describeStepStatus = (status: string): Message | string => ((STEP_STATUSES as readonly string[]).includes(status) ? msg(`provisioning.stepStatus.${status as StepStatus}`) : status);

/** 0..1 → a whole percentage, clamped. */
export const toPercent = (progress: number) => (Number.isFinite(progress) ? Math.round(Math.min(1, Math.max(0, progress)) * 100) : 0);

/** "850 ms", "12 s", "3 min 5 s", "1 h 2 min": how long a step took (or has been running); null for no time. */
export function formatDuration(ms: number): Message | null {
  if (!Number.isFinite(ms) || ms < 0) return null;
  if (ms < 1000) return msg('provisioning.duration.ms', { ms: Math.round(ms) });
  const s = Math.round(ms / 1000);
  if (s < 60) return msg('provisioning.duration.s', { s });
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? msg('provisioning.duration.minS', { m, s: s % 60 }) : msg('provisioning.duration.min', { m });
  const h = Math.floor(m / 60);
  return m % 60 ? msg('provisioning.duration.hMin', { h, m: m % 60 }) : msg('provisioning.duration.h', { h });
}

export function stepDuration(step: { startedAt: string | null; finishedAt: string | null }, now: number): Message | null {
  if (!step.startedAt) return null;
  const end = step.finishedAt ? new Date(step.finishedAt).getTime() : now;
  return formatDuration(end - new Date(step.startedAt).getTime());
}

/** A step's log is open by default while it runs and when it failed; the user's choice wins. */
export const isStepOpen = (step: { key: string; status: string }, choices: Readonly<Record<string, boolean>>) =>
  choices[step.key] ?? (step.status === 'running' || step.status === 'failed');

// ---- DigitalOcean's catalogue ----

/** "2 GiB", "512 MiB" from the API's MiB. */
export function formatMemory(mib: number): string {
  if (mib < 1024) return `${mib} MiB`;
  const gib = mib / 1024;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}

const usd = (amount: number) => `$${Number.isInteger(amount) ? amount : amount.toFixed(2)}`;

export function describeSize(size: DigitalOceanSize): Message {
  return msg('provisioning.form.size', { slug: size.slug, vcpus: size.vcpus, memory: formatMemory(size.memory), disk: size.disk, price: usd(size.priceMonthly) });
}

export const describeRegion = (region: DigitalOceanRegion) => `${region.name} (${region.slug})`;

/** Sizes that can be created in the region, in the catalogue's order (cheapest first). */
export const sizesInRegion = (sizes: readonly DigitalOceanSize[], region: string) => (region ? sizes.filter((s) => s.regions.includes(region)) : []);

/** Images available in the region (an image that lists no regions is offered everywhere), grouped by distribution. */
export function imagesByDistribution(images: readonly DigitalOceanImage[], region: string): [string, DigitalOceanImage[]][] {
  const groups = new Map<string, DigitalOceanImage[]>();
  for (const image of images) {
    if (region && image.regions.length > 0 && !image.regions.includes(region)) continue;
    const list = groups.get(image.distribution) ?? [];
    list.push(image);
    groups.set(image.distribution, list);
  }
  return [...groups.entries()];
}

/** Whether a size's disk is large enough for an image (DigitalOcean refuses otherwise). */
export const fitsImage = (size: DigitalOceanSize | undefined, image: DigitalOceanImage | undefined) => !size || !image || image.minDiskSize === null || size.disk >= image.minDiskSize;

// ---- Machines ----

type OsFacts = { prettyName?: unknown; architecture?: unknown };

export function describeOs(os: unknown): string | null {
  if (!os || typeof os !== 'object') return null;
  const { prettyName, architecture } = os as OsFacts;
  const name = typeof prettyName === 'string' && prettyName ? prettyName : null;
  const arch = typeof architecture === 'string' && architecture ? architecture : null;
  if (!name && !arch) return null;
  return [name, arch && `(${arch})`].filter(Boolean).join(' ');
}

/** user@address:port, as ssh would take it (IPv6 addresses in brackets). */
export function sshTarget(user: string | null, address: string | null, port: number | null): string | null {
  if (!address) return null;
  const host = address.includes(':') ? `[${address}]` : address;
  return `${user ? `${user}@` : ''}${host}${port ? `:${port}` : ''}`;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : null);

/** A machine fact's name: its words are provisioning.facts.<name>. */
export type MachineFact = 'address' | 'ssh' | 'hostname' | 'os' | 'droplet' | 'region' | 'size' | 'image' | 'netns' | 'sshHostKey';

/** Facts shown in a fixed-width font (addresses, keys). */
export const MONO_FACTS: readonly MachineFact[] = ['address', 'ssh', 'sshHostKey', 'netns'];

/** What a run made, as fact/value rows, from the job view's free-form `machine` record. */
export function runMachineFacts(machine: Readonly<Record<string, unknown>>): [MachineFact, string][] {
  const rows: [MachineFact, string | null][] = [
    ['address', text(machine.address)],
    ['ssh', machine.sshUser || machine.sshPort ? sshTarget(text(machine.sshUser), text(machine.address), typeof machine.sshPort === 'number' ? machine.sshPort : null) : null],
    ['hostname', text(machine.hostname)],
    ['os', describeOs(machine.os)],
    ['droplet', text(machine.dropletId)],
    ['region', text(machine.region)],
    ['size', text(machine.size)],
    ['image', text(machine.image)],
    ['netns', text(machine.netns)],
    ['sshHostKey', text(machine.sshHostKey)],
  ];
  return rows.filter((row): row is [MachineFact, string] => row[1] !== null);
}

/** A provisioned host's machine as fact/value rows (the driver row comes first, from the caller). */
export function hostMachineFacts(machine: MachineView): [MachineFact, string][] {
  const rows: [MachineFact, string | null][] = [
    ['address', machine.address],
    ['ssh', machine.sshUser ? sshTarget(machine.sshUser, machine.address, machine.sshPort ?? 22) : null],
    ['os', describeOs(machine.os)],
    ['droplet', machine.dropletId !== null ? String(machine.dropletId) : null],
    ['region', machine.region],
    ['size', machine.size],
    ['image', machine.image],
    ['netns', machine.netns],
    ['sshHostKey', machine.sshHostKey],
  ];
  return rows.filter((row): row is [MachineFact, string] => !!row[1]);
}

/** Days from now until an ISO date (negative once past); null for a missing or bad date. */
export function daysUntil(iso: string | undefined | null, now: number): number | null {
  if (!iso) return null;
  const at = new Date(iso).getTime();
  return Number.isFinite(at) ? Math.floor((at - now) / 86_400_000) : null;
}
