// The tabs of the hosts area: the hosts, the provisioning runs and the cloud accounts. Shown only
// to users who may provision (for everyone else the hosts list is the whole area).
import Link from 'next/link';
import { cn } from '@/lib/ui/cn.ts';

const TABS = [
  { key: 'hosts', label: 'Hosts', href: '/hosts' },
  { key: 'provisioning', label: 'Provisioning', href: '/hosts/provision' },
  { key: 'cloud', label: 'Cloud accounts', href: '/hosts/cloud-accounts' },
] as const;

export type HostsTab = (typeof TABS)[number]['key'];

export function HostsTabs({ current }: { current: HostsTab }) {
  return (
    <nav aria-label="Hosts sections" className="mb-4 border-b border-border">
      <ul className="flex flex-wrap gap-1">
        {TABS.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={tab.key === current ? 'page' : undefined}
              className={cn('-mb-px inline-block border-b-2 px-3 py-2 text-sm', tab.key === current ? 'border-accent font-medium text-fg' : 'border-transparent text-muted hover:text-fg')}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
