'use client';
// The swarm picker (kept in the URL as ?swarm=) and the tabs of the services section.
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { SelectField } from '@/components/ui/field.tsx';
import { cn } from '@/lib/ui/cn.ts';
import { SECTIONS, withSwarm, type Section } from './sections.ts';
import type { SwarmChoice } from './services-context.ts';

export function SwarmPicker({ swarms, swarmId }: { swarms: SwarmChoice[]; swarmId: string | null }) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <SelectField label="Swarm" value={swarmId ?? ''} onChange={(e) => router.push(withSwarm(pathname, e.target.value))} className="w-64">
      {!swarmId && <option value="">Pick a swarm</option>}
      {swarms.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </SelectField>
  );
}

export function SectionTabs({ swarmId, current }: { swarmId: string; current: Section }) {
  return (
    <nav aria-label="Services sections" className="mb-4 border-b border-border">
      <ul className="flex flex-wrap gap-1">
        {SECTIONS.map((s) => (
          <li key={s.key}>
            <Link
              href={withSwarm(s.path, swarmId)}
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
