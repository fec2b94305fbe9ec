'use client';
// "Update available": the badge the lists and detail pages show when the registry has a newer
// image for the tag a service or container runs (a button, for users who may apply it, that asks
// first), a quiet mark saying why a check failed (on hover; no badge), and the two ways of
// applying: a service's rolling update to the new digest, a standalone container's recreate.
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { CircleHelp } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { recreateContainerAction } from '@/lib/actions/containers.ts';
import { updateServiceImageAction } from '@/lib/actions/services.ts';
import type { UpdateCheck } from '@/lib/models/registries/image-updates.ts';
import { queryKeys } from '@/lib/queries/keys.ts';

const short = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);

/** The badge (or why the check failed); `onApply` makes the badge a button. */
export function ImageUpdateMark({ check, onApply, showTask = false }: { check: UpdateCheck | undefined; onApply?: () => void; showTask?: boolean }) {
  const t = useTranslations('imageUpdates');
  if (!check || check.state === 'current') return null;
  if (check.state === 'task') return showTask ? <span className="text-xs text-muted">{t('task', { service: check.service })}</span> : null;
  if (check.state === 'unknown') {
    const said = t('checkFailed', { reason: check.reason });
    return (
      <span role="img" aria-label={said} title={said} className="inline-flex shrink-0 items-center text-muted">
        <CircleHelp className="size-3.5" aria-hidden />
      </span>
    );
  }
  const title = t('badgeTitle', { latest: short(check.latest), running: short(check.running) });
  const badge = (
    <Badge tone="accent" className="whitespace-nowrap">
      {t('badge')}
    </Badge>
  );
  if (!onApply) return <span title={title}>{badge}</span>;
  return (
    <button type="button" title={title} onClick={onApply} className="shrink-0 rounded-full focus-visible:outline-2 focus-visible:outline-accent">
      {badge}
    </button>
  );
}

/** A service's badge; applying it starts the rolling update to the new digest, with the registry's credentials. */
export function ServiceImageUpdate({ swarmId, serviceId, name, check, canManage }: { swarmId: string; serviceId: string; name: string; check: UpdateCheck | undefined; canManage: boolean }) {
  const t = useTranslations('imageUpdates');
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  return (
    <>
      <ImageUpdateMark check={check} onApply={canManage && check?.state === 'available' ? () => setOpen(true) : undefined} />
      {check?.state === 'available' && (
        <ConfirmDialog
          open={open}
          onOpenChange={setOpen}
          title={t('applyService', { name })}
          description={t('applyServiceText', { name, target: check.target })}
          confirmLabel={t('apply')}
          busyNote={t('applying')}
          onConfirm={async () => {
            const result = await updateServiceImageAction({ swarmId, serviceId, image: check.target });
            if (!result.ok) return result.error.message;
            toast.success(t('serviceStarted', { name }));
            for (const warning of result.data.warnings) toast.warning(warning);
            await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) }), queryClient.invalidateQueries({ queryKey: queryKeys.imageUpdatesOfSwarm(swarmId) })]);
            return null;
          }}
        />
      )}
    </>
  );
}

/** A standalone container's badge; applying it recreates the container on the new image (after asking). */
export function ContainerImageUpdate({ hostId, containerId, name, check, canManage, showTask, onRecreated }: { hostId: string; containerId: string; name: string; check: UpdateCheck | undefined; canManage: boolean; showTask?: boolean; onRecreated?: (containerId: string) => void }) {
  const t = useTranslations('imageUpdates');
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  return (
    <>
      <ImageUpdateMark check={check} showTask={showTask} onApply={canManage && check?.state === 'available' ? () => setOpen(true) : undefined} />
      {check?.state === 'available' && (
        <ConfirmDialog
          open={open}
          onOpenChange={setOpen}
          title={t('applyContainer', { name })}
          description={t('applyContainerText', { name })}
          confirmLabel={t('apply')}
          busyNote={t('applying')}
          onConfirm={async () => {
            const result = await recreateContainerAction({ hostId, containerId });
            if (!result.ok) return result.error.message;
            toast.success(result.data.message);
            await Promise.all([
              queryClient.invalidateQueries({ queryKey: queryKeys.host(hostId) }),
              queryClient.invalidateQueries({ queryKey: queryKeys.containersAll }),
              queryClient.invalidateQueries({ queryKey: queryKeys.imageUpdatesOfHost(hostId) }),
            ]);
            onRecreated?.(result.data.containerId);
            return null;
          }}
        />
      )}
    </>
  );
}

/** On a container's page: its badge, and the page of the new container once it is recreated. */
export function ContainerImageUpdateOnPage(props: { hostId: string; containerId: string; name: string; check: UpdateCheck | undefined; canManage: boolean; pageOf: (containerId: string) => string }) {
  const router = useRouter();
  return <ContainerImageUpdate {...props} showTask onRecreated={(id) => router.replace(props.pageOf(id))} />;
}
