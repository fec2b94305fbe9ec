'use client';
// "Edit and redeploy": the form prefilled with the stack's current file, deploying on top of its
// newest revision so that the variables and files given before are kept.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useStack, useStackRevision } from '@/lib/queries/use-stacks.ts';
import { useSwarms } from '@/lib/queries/use-swarms.ts';
import { keptPaths } from '@/lib/models/compose-files/file-path.ts';
import { stackPath } from './format.ts';
import { StackForm } from './stack-form.tsx';

export function StackEdit({ swarmId, stackName }: { swarmId: string; stackName: string }) {
  const t = useTranslations('stacks.edit');
  const { data: stack, error } = useStack(swarmId, stackName);
  const latest = stack?.revisions[0]?.number ?? null;
  const revision = useStackRevision(swarmId, stackName, latest);
  const { data: swarms } = useSwarms();

  if (error && !stack) return <p role="alert" className="text-sm text-danger">{error.message}</p>;
  if (!stack || (latest !== null && !revision.data && !revision.error)) {
    return (
      <p role="status" className="text-muted">
        {t('reading')}
      </p>
    );
  }
  if (stack.composeText === null) {
    return (
      <p className="text-muted">
        {t.rich('noFile', {
          name: stackName,
          deploy: (chunks) => (
            <Link className="text-accent underline" href={`/stacks/new?swarm=${encodeURIComponent(swarmId)}&name=${encodeURIComponent(stackName)}`}>
              {chunks}
            </Link>
          ),
          back: (chunks) => (
            <Link className="text-accent underline" href={stackPath(swarmId, stackName)}>
              {chunks}
            </Link>
          ),
        })}
      </p>
    );
  }
  return (
    <StackForm
      mode="edit"
      swarmId={swarmId}
      swarmName={swarms?.find((s) => s.id === swarmId)?.name}
      stackName={stackName}
      initialText={stack.composeText}
      inheritFrom={latest}
      keptNames={revision.data?.variableNames ?? []}
      keptFiles={keptPaths(revision.data?.fileNames ?? [])}
      drift={stack.drift}
    />
  );
}
