'use client';
// A service's logs: every task merged, each line named by its task and node as the CLI names
// them (demo_worker.1@lab-1), read from the service's task list; the header names the service.
import { useMemo } from 'react';
import { LogViewer } from '@/components/streams/log-viewer.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { taskLabel, taskNames } from '@/lib/models/logs/task-label.ts';
import { useService } from '@/lib/queries/use-services.ts';

export function ServiceLogs({ swarmId, serviceId }: { swarmId: string; serviceId: string }) {
  const { data } = useService(swarmId, serviceId);
  const name = data?.service.name ?? null;
  const names = useMemo(() => {
    const tasks = data?.tasks ?? [];
    return taskNames(tasks, tasks.flatMap((t) => (t.nodeId && t.hostname ? [[t.nodeId, t.hostname] as const] : [])));
  }, [data]);
  return (
    <>
      <PageHeader
        title={name ? `Logs of ${name}` : 'Service logs'}
        description={
          <>
            Every task of service <span className="font-mono" title={serviceId}>{name ?? serviceId.slice(0, 12)}</span>, merged; each line shows its task and node.
          </>
        }
        actions={<TextLink href={`/services/${swarmId}/${serviceId}`}>{name ? `Service ${name}` : 'Service'}</TextLink>}
      />
      <LogViewer source={{ kind: 'service', swarmId, serviceId }} title={`Logs of service ${name ?? serviceId.slice(0, 12)}`} lineLabel={(line) => taskLabel(line, names)} />
    </>
  );
}
