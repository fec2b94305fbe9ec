// Who owns a stack: the owner labels Wharf writes on each of its services (and their tasks'
// containers). A stack keeps the owner it was first deployed with; a file may not claim one. Pure.
import 'server-only';
import type { Owner } from '@/lib/auth/ownership.ts';
import { msg } from '@/lib/i18n/message.ts';
import { ownerLabelKeys, ownerOfLabels } from '@/lib/models/access/containment.ts';
import { problemAt, type ComposeProblem, type Locate } from './compose/compose-path.ts';
import type { TranslatedStack } from './compose/translate-stack.ts';

/** A problem for every service of the file whose labels (deploy.labels or labels) claim an owner. */
export function ownerLabelProblems(stack: Pick<TranslatedStack, 'namespace' | 'services'>, locate?: Locate): ComposeProblem[] {
  return stack.services.flatMap(({ name, spec }) => {
    const key = name.startsWith(`${stack.namespace}_`) ? name.slice(stack.namespace.length + 1) : name;
    const places: [string[], Record<string, string> | undefined][] = [
      [['services', key, 'deploy', 'labels'], spec.Labels],
      [['services', key, 'labels'], spec.TaskTemplate.ContainerSpec.Labels],
    ];
    return places.flatMap(([path, labels]) => {
      const keys = ownerLabelKeys(labels);
      return keys.length ? [problemAt('error', path, msg('access.errors.ownerLabelInFile', { service: key, labels: keys.join(', ') }), locate)] : [];
    });
  });
}

/** The owner a stack's deployed services record (the first that records one); undefined when none does. */
export const ownerOfServices = (services: readonly { Spec: { Labels?: Record<string, string> | null } }[]): Owner | undefined => {
  for (const service of services) {
    const owner = ownerOfLabels(service.Spec.Labels);
    if (owner) return owner;
  }
  return undefined;
};
