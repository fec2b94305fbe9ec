// One engine, one host: an engine reached again under another name or transport would double
// every count and list. Engines are told apart by the ID they report in /info (not by address:
// a socket path and a TCP address can lead to the same daemon). Pure.
import { msg, type Message } from '@/lib/i18n/message.ts';

export type RegisteredEngine = { id: string; name: string; transport: string; address: string; engineId: string | null };

/** The registered host whose engine reports `engineId`, other than `exceptHostId`; null when none (or the ID is unknown). */
export function findSameEngine(engineId: string, hosts: RegisteredEngine[], exceptHostId?: string): RegisteredEngine | null {
  const id = engineId.trim();
  if (!id) return null;
  return hosts.find((h) => h.id !== exceptHostId && h.engineId?.trim() === id) ?? null;
}

/** The engine ID a host row's facts hold, or null. */
export function engineIdOf(facts: unknown): string | null {
  if (!facts || typeof facts !== 'object') return null;
  const id = (facts as { engineId?: unknown }).engineId;
  return typeof id === 'string' && id.trim() ? id.trim() : null;
}

/** The refusal, naming the host that already reaches this engine and what to do instead. */
export function sameEngineMessage(existing: RegisteredEngine): Message {
  return msg('hosts.errors.sameEngine', { name: existing.name, transport: existing.transport, address: existing.address });
}
