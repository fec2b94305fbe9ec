// The two ways to add a host, shown above either form: register an engine that already runs, or
// have Wharf provision a machine. Each card is one link (the whole card is clickable).
import { PlugZap, Rocket } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/ui/cn.ts';

const CHOICES = [
  {
    key: 'register',
    href: '/hosts/new',
    icon: PlugZap,
  },
  {
    key: 'provision',
    href: '/hosts/provision/new',
    icon: Rocket,
  },
] as const;

export function AddHostChoice({ current }: { current: 'register' | 'provision' }) {
  const t = useTranslations('hosts.choice');
  return (
    <nav aria-label={t('label')} className="mb-6">
      <ul className="grid max-w-3xl grid-cols-2 gap-3">
        {CHOICES.map((choice) => {
          const active = choice.key === current;
          const Icon = choice.icon;
          return (
            <li key={choice.key} className={cn('relative flex gap-3 rounded-lg border p-3', active ? 'border-accent bg-accent/5' : 'border-border bg-surface hover:bg-surface-2')}>
              <Icon className={cn('mt-0.5 size-5 shrink-0', active ? 'text-accent' : 'text-muted')} aria-hidden />
              <div>
                <Link
                  href={choice.href}
                  aria-current={active ? 'page' : undefined}
                  aria-describedby={`add-host-${choice.key}`}
                  className="font-medium after:absolute after:inset-0 after:rounded-lg focus-visible:outline-none focus-visible:after:ring-2 focus-visible:after:ring-accent"
                >
                  {t(`${choice.key}.label`)}
                </Link>
                <p id={`add-host-${choice.key}`} className="mt-0.5 text-xs text-muted">
                  {t(`${choice.key}.summary`)}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
