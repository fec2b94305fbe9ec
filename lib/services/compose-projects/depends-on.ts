// The order services start in: every service after the services it depends on (depends_on, and
// network_mode: service:x), ties kept in the file's order; a cycle is refused, naming it. Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';

export type StartOrder = { order: string[] } | { cycle: string[] };

export function startOrder(services: readonly { name: string; dependsOn: Record<string, unknown> }[]): StartOrder {
  const names = new Set(services.map((s) => s.name));
  const dependencies = new Map(services.map((s) => [s.name, Object.keys(s.dependsOn).filter((d) => names.has(d))]));
  const order: string[] = [];
  const placed = new Set<string>();
  // Kahn's algorithm, taking the first ready service in file order each time (deterministic).
  while (order.length < services.length) {
    const ready = services.find((s) => !placed.has(s.name) && (dependencies.get(s.name) ?? []).every((d) => placed.has(d)));
    if (!ready) return { cycle: findCycle(services.filter((s) => !placed.has(s.name)).map((s) => s.name), dependencies) };
    order.push(ready.name);
    placed.add(ready.name);
  }
  return { order };
}

/** One cycle among the services that could not be placed, as a path that ends where it began. */
function findCycle(left: string[], dependencies: Map<string, string[]>): string[] {
  const remaining = new Set(left);
  const path: string[] = [];
  let current = left[0];
  // Every remaining service waits on a remaining one, so walking dependencies must revisit one.
  while (!path.includes(current)) {
    path.push(current);
    current = (dependencies.get(current) ?? []).find((d) => remaining.has(d)) as string;
  }
  return [...path.slice(path.indexOf(current)), current];
}

/** The message for a cycle: "a → b → a". */
export const cycleMessage = (cycle: string[]): Message => msg('composeChecks.project.cycle', { cycle: cycle.join(' → ') });
