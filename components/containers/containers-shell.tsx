// The frame of every containers page (containers, images, volumes, networks, stats, events):
// title, host picker, section tabs, and what to say when there is no host to show.
import { Server } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { NoHostsYet } from '@/components/hosts/no-hosts-yet.tsx';
import { ScopePicker } from '@/components/layout/scope-picker.tsx';
import { SectionShell } from '@/components/layout/section-shell.tsx';
import { SectionTabs } from '@/components/layout/section-tabs.tsx';
import { CONTAINER_SECTIONS, sectionOf, type Choice, type ContainerSection } from '@/components/layout/sections.ts';
import { ButtonLink } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';

/** What the pages' server helper tells the frame (app/(console)/containers/_lib/containers-context.ts). */
export type HostScope = { hosts: Choice[]; host: Choice | null; unknownHost: boolean; canAddHost: boolean };

export function ContainersShell({ ctx, section, actions, children }: { ctx: HostScope; section: ContainerSection; actions?: ReactNode; children: ReactNode }) {
  const t = useTranslations('containers.shell');
  const words = useTranslations('containers');
  const { perHost } = sectionOf(CONTAINER_SECTIONS, section);
  const label = words(`sections.${section}.label`);
  const description = words(`sections.${section}.description`);
  const hostId = ctx.host?.id ?? null;
  return (
    <SectionShell
      title={label}
      description={description}
      actions={actions}
      empty={
        ctx.hosts.length === 0 && (
          <NoHostsYet action={ctx.canAddHost ? <ButtonLink href="/hosts/new">{t('addHost')}</ButtonLink> : undefined}>
            <p>{ctx.canAddHost ? t('noHostsCanAdd') : t('noHostsAsk')}</p>
          </NoHostsYet>
        )
      }
      picker={<ScopePicker label={t('hostPicker')} param="host" choices={ctx.hosts} value={hostId} allLabel={perHost ? undefined : t('allHosts')} />}
      tabs={<SectionTabs label={t('sectionTabs')} sections={CONTAINER_SECTIONS} current={section} scope={{ param: 'host', id: hostId }} />}
      notice={
        ctx.unknownHost ? (
          <EmptyState title={t('unknownHostTitle')}>{t('unknownHostText')}</EmptyState>
        ) : (
          perHost &&
          !ctx.host && (
            <EmptyState icon={<Server className="size-8" />} title={t('pickHostTitle')}>
              {t('pickHostText', { section: label })}
            </EmptyState>
          )
        )
      }
    >
      {children}
    </SectionShell>
  );
}
