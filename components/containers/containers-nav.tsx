'use client';
// The host picker (kept in the URL as ?host=) and the tabs of the containers section.
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { SelectField } from '@/components/ui/field.tsx';
import { cn } from '@/lib/ui/cn.ts';
import { CONTAINER_SECTIONS, withHost, type ContainerSection } from './container-sections.ts';
import type { HostChoice } from './containers-context.ts';

export function HostPicker({ hosts, hostId, allowAll }: { hosts: HostChoice[]; hostId: string | null; allowAll: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <SelectField label="Host" value={hostId ?? ''} onChange={(e) => router.push(withHost(pathname, e.target.value || null))} className="w-64">
      {(allowAll || !hostId) && <option value="">{allowAll ? 'All hosts' : 'Pick a host'}</option>}
      {hosts.map((h) => (
        <option key={h.id} value={h.id}>
          {h.name}
        </option>
      ))}
    </SelectField>
  );
}

/** Per-host live views, after the sections (their pages: app/(console)/containers/stats, events). */
const LIVE_SECTIONS = [
  { key: 'stats', label: 'Stats', path: '/containers/stats' },
  { key: 'events', label: 'Events', path: '/containers/events' },
] as const;

export function SectionTabs({ hostId, current }: { hostId: string | null; current: ContainerSection | (typeof LIVE_SECTIONS)[number]['key'] }) {
  return (
    <nav aria-label="Container sections" className="mb-4 border-b border-border">
      <ul className="flex flex-wrap gap-1">
        {[...CONTAINER_SECTIONS, ...LIVE_SECTIONS].map((s) => (
          <li key={s.key}>
            <Link
              href={withHost(s.path, hostId)}
              aria-current={s.key === current ? 'page' : undefined}
              className={cn('-mb-px inline-block border-b-2 px-3 py-2 text-sm', s.key === current ? 'border-accent font-medium text-fg' : 'border-transparent text-muted hover:text-fg')}
            >
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
