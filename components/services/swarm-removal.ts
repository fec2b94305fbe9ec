// Removing a swarm's network, secret, config or a node's volume: the toast names what went, and
// every view of the swarm refreshes (they all live under ['swarms', swarmId]).
import type { Removal } from '@/components/ui/resource-section.tsx';
import { queryKeys } from '@/lib/queries/keys.ts';

export const swarmRemoval = <T, R>(swarmId: string, spec: Omit<Removal<T, R>, 'invalidates'>): Removal<T, R> => ({ ...spec, invalidates: queryKeys.swarm(swarmId) });
