// "Record the running state as a new revision": the last deployed file with each drifted
// service's image and replica count set to what runs, comments and layout kept. Possible only
// where the file states those values itself: a value that comes from a variable, a service added
// or removed outside the file, or a changed mode is left to an edit, and each is named. Pure.
import { isMap, isScalar, parseDocument } from 'yaml';
import { msg, type Message } from '@/lib/i18n/message.ts';
import type { ServiceDrift } from './stack-drift.ts';

/** `reasons`: why each drifted value cannot be written, said in the reader's language where shown. */
export type RecordedFile = { ok: true; composeText: string } | { ok: false; reasons: Message[] };

const fromVariable = (value: unknown) => typeof value === 'string' && value.includes('$');

/** `drift` names services as the swarm does (`<stack>_<key>`); the file keys them without the prefix. */
export function recordRunningState(composeText: string, stackName: string, drift: ServiceDrift[]): RecordedFile {
  const doc = parseDocument(composeText);
  if (doc.errors.length) return { ok: false, reasons: [msg('modelText.record.unreadable')] };
  const services = doc.get('services');
  if (!isMap(services)) return { ok: false, reasons: [msg('modelText.record.noServices')] };
  const reasons: Message[] = [];
  const prefix = `${stackName}_`;
  for (const d of drift) {
    const key = d.service.startsWith(prefix) ? d.service.slice(prefix.length) : d.service;
    if (d.kind === 'missing') {
      reasons.push(msg('modelText.record.removed', { service: d.service }));
      continue;
    }
    if (d.kind === 'added') {
      reasons.push(msg('modelText.record.added', { service: d.service }));
      continue;
    }
    if (!services.has(key)) {
      reasons.push(msg('modelText.record.notFound', { service: d.service, key }));
      continue;
    }
    for (const change of d.changes) {
      if (change.field === 'mode') {
        reasons.push(msg('modelText.record.mode', { service: d.service, running: change.running, deployed: change.deployed }));
        continue;
      }
      const path = change.field === 'image' ? ['services', key, 'image'] : ['services', key, 'deploy', 'replicas'];
      const node = doc.getIn(path, true);
      const current = isScalar(node) ? node.value : node;
      if (fromVariable(current)) {
        reasons.push(msg('modelText.record.fromVariable', { service: d.service, field: change.field, value: String(current) }));
        continue;
      }
      if (change.field === 'replicas' && !isMap(doc.getIn(['services', key, 'deploy'], true)) && doc.hasIn(['services', key, 'deploy'])) {
        reasons.push(msg('modelText.record.deployNotMap', { service: d.service }));
        continue;
      }
      if (change.field === 'replicas' && !/^\d+$/.test(change.running)) {
        reasons.push(msg('modelText.record.noReplicas', { service: d.service }));
        continue;
      }
      doc.setIn(path, change.field === 'replicas' ? Number(change.running) : change.running);
    }
  }
  return reasons.length ? { ok: false, reasons } : { ok: true, composeText: doc.toString() };
}
