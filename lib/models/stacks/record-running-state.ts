// "Record the running state as a new revision": the last deployed file with each drifted
// service's image and replica count set to what runs, comments and layout kept. Possible only
// where the file states those values itself: a value that comes from a variable, a service added
// or removed outside the file, or a changed mode is left to an edit, and each is named. Pure.
import { isMap, isScalar, parseDocument } from 'yaml';
import type { ServiceDrift } from './stack-drift.ts';

export type RecordedFile = { ok: true; composeText: string } | { ok: false; reasons: string[] };

const fromVariable = (value: unknown) => typeof value === 'string' && value.includes('$');

/** `drift` names services as the swarm does (`<stack>_<key>`); the file keys them without the prefix. */
export function recordRunningState(composeText: string, stackName: string, drift: ServiceDrift[]): RecordedFile {
  const doc = parseDocument(composeText);
  if (doc.errors.length) return { ok: false, reasons: ['The last deployed file cannot be read any more.'] };
  const services = doc.get('services');
  if (!isMap(services)) return { ok: false, reasons: ['The last deployed file has no services section.'] };
  const reasons: string[] = [];
  const prefix = `${stackName}_`;
  for (const d of drift) {
    const key = d.service.startsWith(prefix) ? d.service.slice(prefix.length) : d.service;
    if (d.kind === 'missing') {
      reasons.push(`${d.service} was removed outside the file: remove it from the file in an edit, or redeploy to create it again.`);
      continue;
    }
    if (d.kind === 'added') {
      reasons.push(`${d.service} is not in the file: add it in an edit, or redeploy to remove it.`);
      continue;
    }
    if (!services.has(key)) {
      reasons.push(`${d.service} is not found in the file under the key "${key}".`);
      continue;
    }
    for (const change of d.changes) {
      if (change.field === 'mode') {
        reasons.push(`${d.service} runs in ${change.running} mode and the file says ${change.deployed}: change its deploy mode in an edit.`);
        continue;
      }
      const path = change.field === 'image' ? ['services', key, 'image'] : ['services', key, 'deploy', 'replicas'];
      const node = doc.getIn(path, true);
      const current = isScalar(node) ? node.value : node;
      if (fromVariable(current)) {
        reasons.push(`${d.service}'s ${change.field} comes from a variable (${String(current)}): set the variable in an edit instead.`);
        continue;
      }
      if (change.field === 'replicas' && !isMap(doc.getIn(['services', key, 'deploy'], true)) && doc.hasIn(['services', key, 'deploy'])) {
        reasons.push(`${d.service}'s deploy section is not a mapping: change its replicas in an edit.`);
        continue;
      }
      if (change.field === 'replicas' && !/^\d+$/.test(change.running)) {
        reasons.push(`${d.service} runs without a replica count: change it in an edit.`);
        continue;
      }
      doc.setIn(path, change.field === 'replicas' ? Number(change.running) : change.running);
    }
  }
  return reasons.length ? { ok: false, reasons } : { ok: true, composeText: doc.toString() };
}
