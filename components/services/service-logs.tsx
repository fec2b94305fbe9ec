'use client';
// A service's logs: every task merged, each line named by its task and node as the CLI names
// them (demo_worker.1@lab-1), read from the service's task list; the header names the service.
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { LogViewer } from '@/components/streams/log-viewer.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { taskLabel, taskNames } from '@/lib/models/logs/task-label.ts';
import { useService } from '@/lib/queries/use-services.ts';

export function ServiceLogs({ swarmId, serviceId }: { swarmId: string; serviceId: string }) {
  const t = useTranslations('services.logs');
  const { data } = useService(swarmId, serviceId);
  const name = data?.service.name ?? null;
  const names = useMemo(() => {
    const tasks = data?.tasks ?? [];
    return taskNames(tasks, tasks.flatMap((t) => (t.nodeId && t.hostname ? [[t.nodeId, t.hostname] as const] : [])));
  }, [data]);
  return (
    <>
      <PageHeader
        title={name ? t('title', { service: name }) : t('titleUnknown')}
        description={
          <>
            {t.rich('description', {
              service: name ?? serviceId.slice(0, 12),
              name: (chunks) => (
                <span className="font-mono" title={serviceId}>
                  {chunks}
                </span>
              ),
            })}
          </>
        }
        actions={<TextLink href={`/services/${swarmId}/${serviceId}`}>{name ? t('back', { service: name }) : t('backUnknown')}</TextLink>}
      />
      <LogViewer
        source={{ kind: 'service', swarmId, serviceId }}
        downloadHref={`/api/swarms/${swarmId}/services/${serviceId}/logs/download`}
        title={t('viewer', { service: name ?? serviceId.slice(0, 12) })} lineLabel={(line) => taskLabel(line, names)} />
    </>
  );
}
