// What a stack asks of its nodes, as one workload request: the file as written (keys swarm ignores
// but `docker compose` honours) and the service specs it translates to (what runs), each
// translated service placed at its key in the file. Deploys and the Policies page's check share it.
import 'server-only';
import { mergeRequests, placedAt, requestFromComposeDocument, requestFromServiceSpec, type WorkloadRequest } from '@/lib/services/policy/workload-policy.ts';
import { interpolate } from './compose/interpolate.ts';
import type { TranslatedStack } from './compose/translate-stack.ts';

export function stackWorkloadRequest(source: { document: unknown | null }, variables: Record<string, string>, stack: TranslatedStack): WorkloadRequest {
  const document = source.document === null ? null : interpolate(source.document, variables).document;
  return mergeRequests([
    requestFromComposeDocument(document),
    ...stack.services.map((s) => placedAt(requestFromServiceSpec(s.spec), ['services', s.name.slice(stack.namespace.length + 1)])),
  ]);
}
