// The frame of every services page (services, secrets, configs, networks, volumes): title, swarm
// picker, section tabs, and what to say when there is no swarm to show.
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ScopePicker } from '@/components/layout/scope-picker.tsx';
import { SectionShell } from '@/components/layout/section-shell.tsx';
import { SectionTabs } from '@/components/layout/section-tabs.tsx';
import { NoSwarmYet } from '@/components/swarms/no-swarm-yet.tsx';
import { SERVICE_SECTIONS, type Choice, type ServiceSection } from '@/components/layout/sections.ts';
import { ButtonLink } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';

/** What the pages' server helper tells the frame (app/(console)/services/_lib/services-context.ts). */
export type SwarmScope = { swarms: Choice[]; swarm: Choice | null; canCreateSwarm: boolean };

export function ServicesShell({ ctx, section, actions, children }: { ctx: SwarmScope; section: ServiceSection; actions?: ReactNode; children: ReactNode }) {
  const t = useTranslations('services.shell');
  return (
    <SectionShell
      title={t(`section.${section}.title`)}
      description={t(`section.${section}.description`)}
      actions={ctx.swarm ? actions : undefined}
      empty={
        ctx.swarms.length === 0 && (
          <NoSwarmYet action={ctx.canCreateSwarm ? <ButtonLink href="/swarms/new">{t('createSwarm')}</ButtonLink> : undefined}>
            <p>
              {t('noSwarm')} {ctx.canCreateSwarm ? t('noSwarmCreate') : t('noSwarmAsk')}
            </p>
          </NoSwarmYet>
        )
      }
      picker={ctx.swarms.length > 1 && <ScopePicker label={t('picker')} param="swarm" choices={ctx.swarms} value={ctx.swarm?.id ?? null} />}
      tabs={ctx.swarm && <SectionTabs label={t('tabs')} sections={SERVICE_SECTIONS} current={section} scope={{ param: 'swarm', id: ctx.swarm.id }} />}
      notice={!ctx.swarm && <EmptyState title={t('unknownTitle')}>{t('unknownText')}</EmptyState>}
    >
      {children}
    </SectionShell>
  );
}
