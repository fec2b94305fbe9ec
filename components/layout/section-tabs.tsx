// The tab bar of an area's sections (hosts, containers, services): links, the current one marked
// for screen readers (aria-current="page"), the chosen host or swarm kept in each link.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/ui/cn.ts';
import { withScope, type ContainerSection, type HostSection, type ScopeParam, type Section, type ServiceSection } from './sections.ts';

/** A section's name and description in the page's language (sections.<area>.<key>); server and client components alike. */
export function useSectionText() {
  const t = useTranslations('sections');
  return (section: Section): { label: string; description?: string } => {
    switch (section.area) {
      case 'hosts':
        return { label: t(`hosts.${section.key as HostSection}.label`) };
      case 'containers':
        return { label: t(`containers.${section.key as ContainerSection}.label`), description: t(`containers.${section.key as ContainerSection}.description`) };
      case 'services':
        return { label: t(`services.${section.key as ServiceSection}.label`), description: t(`services.${section.key as ServiceSection}.description`) };
    }
  };
}

export function SectionTabs<S extends Section>({
  label,
  sections,
  current,
  scope,
}: {
  /** Names the navigation landmark, e.g. "Container sections". */
  label: string;
  sections: readonly S[];
  current: S['key'];
  scope?: { param: ScopeParam; id: string | null };
}) {
  const textOf = useSectionText();
  return (
    <nav aria-label={label} className="mb-4 border-b border-border">
      <ul className="flex flex-wrap gap-1">
        {sections.map((s) => (
          <li key={s.key}>
            <Link
              href={scope ? withScope(s.path, scope.param, scope.id) : s.path}
              aria-current={s.key === current ? 'page' : undefined}
              className={cn('-mb-px inline-block border-b-2 px-3 py-2 text-sm', s.key === current ? 'border-accent font-medium text-fg' : 'border-transparent text-muted hover:text-fg')}
            >
              {textOf(s).label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
