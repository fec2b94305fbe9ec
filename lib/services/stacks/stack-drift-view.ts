// A stack's drift as its page shows it: the last revision that set the stack's state (deployed,
// or recorded from what ran) translated again with its own inputs, compared with the services
// the swarm runs, and whether that running state can be recorded as a new revision.
import 'server-only';
import type { Keyring } from '@/lib/crypto/secret-box.ts';
import { recordRunningState } from '@/lib/models/stacks/record-running-state.ts';
import type { Message } from '@/lib/i18n/message.ts';
import { compareStackDrift, type ServiceDrift, type ServiceShape } from '@/lib/models/stacks/stack-drift.ts';
import { imageForSpec } from './compose/image-reference.ts';
import { translateStack } from './compose/translate-stack.ts';
import { openInputs } from './stack-inputs.ts';
import { stripDigest } from '../swarm-services/service-views.ts';

export type StackDriftView = {
  /** The revision compared against. */
  revision: number;
  services: ServiceDrift[];
  /** Whether "record the running state" can write these values into that revision's file, and if not, why. */
  record: { possible: true } | { possible: false; reasons: Message[] };
};

type SpecLike = { Name?: string; Mode?: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: object; GlobalJob?: object }; TaskTemplate?: { ContainerSpec?: { Image?: string } } };

/** The part of a service spec drift looks at; an image in the CLI's spelling without its digest;
 * a replicated service with no count runs one replica (the engine's default). */
export function shapeOfSpec(raw: unknown): ServiceShape {
  const spec = (raw ?? {}) as SpecLike;
  const mode = spec.Mode?.Global ? 'global' : spec.Mode?.ReplicatedJob ? 'replicated-job' : spec.Mode?.GlobalJob ? 'global-job' : 'replicated';
  return {
    name: spec.Name ?? '',
    image: imageForSpec(stripDigest(spec.TaskTemplate?.ContainerSpec?.Image ?? '')),
    mode,
    replicas: mode === 'replicated' ? (spec.Mode?.Replicated?.Replicas ?? 1) : null,
  };
}

export type BaselineRevision = { id: string; number: number; composeText: string; inputsSealed: string };

/** Null when the revision's file no longer translates (nothing to compare with). */
export function stackDriftView(keyring: Keyring, stackName: string, baseline: BaselineRevision, runningSpecs: unknown[]): StackDriftView | null {
  const inputs = openInputs(keyring, baseline.id, baseline.inputsSealed);
  const { stack } = translateStack({ stackName, composeText: baseline.composeText, ...inputs });
  if (!stack) return null;
  const services = compareStackDrift(stack.services.map((s) => shapeOfSpec(s.spec)), runningSpecs.map(shapeOfSpec));
  const recorded = services.length ? recordRunningState(baseline.composeText, stackName, services) : null;
  return { revision: baseline.number, services, record: !recorded || recorded.ok ? { possible: true } : { possible: false, reasons: recorded.reasons } };
}
