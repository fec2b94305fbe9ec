// Drift: how a stack's running services differ from the last revision Wharf deployed (a scale or
// an image change made on the Services page, a service removed by hand). The next redeploy of
// that revision would undo each difference. Pure: both sides arrive already normalised (images
// without their digest, in the CLI's spelling).
import { msg, type Message } from '@/lib/i18n/message.ts';
import { semicolons } from '../joined-messages.ts';

/** A revision that says what the swarm should run: deployed, or recorded from what ran. Failed ones do not. */
export const isBaseline = (outcome: string) => outcome === 'deployed' || outcome === 'recorded';

/** What a revision asks of one service, or what the engine runs, reduced to what the UI can change. */
export type ServiceShape = { name: string; image: string; mode: string; replicas: number | null };

export type DriftField = 'image' | 'replicas' | 'mode';
export type DriftChange = { field: DriftField; deployed: string; running: string };

/**
 * `changed`: the service runs with other settings than the file's; `missing`: the file has it but
 * the swarm does not (removed by hand); `added`: it carries the stack's label but is not in the file.
 */
export type ServiceDrift = { service: string; kind: 'changed' | 'missing' | 'added'; changes: DriftChange[] };

/** A replica count as shown in any language: a dash when the service has none (global mode). */
const shown = (value: string | number | null) => (value === null ? '—' : String(value));

function changesOf(deployed: ServiceShape, running: ServiceShape): DriftChange[] {
  const changes: DriftChange[] = [];
  if (deployed.mode !== running.mode) changes.push({ field: 'mode', deployed: deployed.mode, running: running.mode });
  else if (deployed.replicas !== running.replicas) changes.push({ field: 'replicas', deployed: shown(deployed.replicas), running: shown(running.replicas) });
  if (deployed.image !== running.image) changes.push({ field: 'image', deployed: deployed.image, running: running.image });
  return changes;
}

/** Every service whose running state differs from the revision's, by name. Empty when nothing drifted. */
export function compareStackDrift(deployed: ServiceShape[], running: ServiceShape[]): ServiceDrift[] {
  const runningByName = new Map(running.map((s) => [s.name, s]));
  const deployedNames = new Set(deployed.map((s) => s.name));
  const drift: ServiceDrift[] = [];
  for (const want of deployed) {
    const have = runningByName.get(want.name);
    if (!have) {
      drift.push({ service: want.name, kind: 'missing', changes: [] });
      continue;
    }
    const changes = changesOf(want, have);
    if (changes.length) drift.push({ service: want.name, kind: 'changed', changes });
  }
  for (const have of running) if (!deployedNames.has(have.name)) drift.push({ service: have.name, kind: 'added', changes: [] });
  return drift.sort((a, b) => a.service.localeCompare(b.service));
}

/** One sentence per service, as a revision recorded from the running services says it. */
export function describeDrift(drift: ServiceDrift): Message {
  if (drift.kind === 'missing') return msg('revisionText.drift.missing', { service: drift.service });
  if (drift.kind === 'added') return msg('revisionText.drift.added', { service: drift.service });
  return msg('revisionText.drift.changed', { service: drift.service, changes: semicolons(drift.changes.map((c) => msg('revisionText.drift.change', { field: c.field, deployed: c.deployed, running: c.running }))) });
}
