'use client';
// Two revisions of a stack's file compared line by line (see components/revisions/text-diff.tsx).
import { TextDiff } from '@/components/revisions/text-diff.tsx';
import { useStackRevision } from '@/lib/queries/use-stacks.ts';

export function RevisionDiff({ swarmId, stackName, from, to }: { swarmId: string; stackName: string; from: number; to: number }) {
  const before = useStackRevision(swarmId, stackName, from);
  const after = useStackRevision(swarmId, stackName, to);
  return <TextDiff before={before.data?.composeText} after={after.data?.composeText} from={from} to={to} error={before.error ?? after.error} />;
}
