'use client';
// Notices when Wharf starts talking to the swarm through another manager. The server says so in
// the one answer that switched (failedOver); a switch it made without waiting for the first
// manager to fail shows only as a new "via". Either way the notice stays while that manager is in
// use, and a toast is shown once per switch.
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useRef, useState } from 'react';
import { toast } from 'sonner';
import type { Via } from '@/lib/services/swarms/read-swarm.ts';

export type FailoverNotice = { to: string; from: { from: string; reason: string }[] };

export function useFailoverNotice() {
  const t = useTranslations('swarms.failover');
  const locale = useLocale();
  const [notice, setNotice] = useState<FailoverNotice | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const seen = useRef(new WeakSet<object>());
  const lastVia = useRef<string | null>(null);
  const toasted = useRef<string | null>(null);

  /** Reports an answer from the server; each answer counts once. */
  const report = useCallback((answer: Via) => {
    if (seen.current.has(answer) || !answer.via?.hostName) return;
    seen.current.add(answer);
    const to = answer.via.hostName;
    const previous = lastVia.current;
    lastVia.current = to;
    setCurrent(to);
    let from = answer.failedOver.filter((f) => f.from !== to);
    if (!from.length && previous && previous !== to) from = [{ from: previous, reason: t('notInTime') }];
    if (!from.length) return;
    setNotice({ to, from });
    const key = `${from.map((f) => f.from).join(',')}→${to}`;
    if (toasted.current !== key) {
      toasted.current = key;
      toast.warning(t('toast', { hosts: new Intl.ListFormat(locale, { type: 'conjunction' }).format(from.map((f) => f.from)), host: to }));
    }
  }, [t, locale]);

  return { notice: notice && notice.to === current ? notice : null, dismiss: () => setNotice(null), report };
}
