'use client';
// Edits a node's labels (what placement constraints like node.labels.zone == blue match) as key/value rows.
import { Plus, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { FormError, TextField } from '@/components/ui/field.tsx';
import { Form, FormActions } from '@/components/ui/form.tsx';
import { updateNodeAction } from '@/lib/actions/swarms.ts';
import type { NodeView } from '@/lib/services/swarms/swarm-views.ts';
import { describeError } from './format.ts';
import { useRefreshSwarm } from './use-node-call.ts';
import { useSay } from './use-say.ts';

type Row = { key: string; value: string };

const rowsOf = (labels: Record<string, string>): Row[] => {
  const rows = Object.entries(labels).map(([key, value]) => ({ key, value }));
  return rows.length ? rows : [{ key: '', value: '' }];
};

export function LabelsDialog({ swarmId, node, open, onOpenChange }: { swarmId: string; node: NodeView; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations('swarms.labels');
  const [rows, setRows] = useState<Row[]>(() => rowsOf(node.labels));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = useRefreshSwarm();
  const say = useSay();

  const change = (index: number, patch: Partial<Row>) => setRows((all) => all.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const close = (next: boolean) => {
    if (busy) return;
    if (next) setRows(rowsOf(node.labels));
    setError(null);
    onOpenChange(next);
  };

  const save = async () => {
    const filled = rows.map((r) => ({ key: r.key.trim(), value: r.value })).filter((r) => r.key !== '' || r.value !== '');
    if (filled.some((r) => r.key === '')) return setError(t('needKey'));
    const keys = filled.map((r) => r.key);
    const twice = keys.find((key, i) => keys.indexOf(key) !== i);
    if (twice) return setError(t('twice', { key: twice }));
    setBusy(true);
    setError(null);
    const result = await updateNodeAction({ swarmId, nodeId: node.id, change: { kind: 'labels', labels: Object.fromEntries(filled.map((r) => [r.key, r.value])) } });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      toast.error(result.error.message);
      return;
    }
    toast.success(t('saved', { node: node.hostname }));
    for (const warning of result.data.warnings) toast.warning(say(warning));
    await refresh();
    onOpenChange(false);
  };

  return (
    <Dialog open={open} onOpenChange={close} title={t('title', { node: node.hostname })} description={t('description')}>
      <Form onSubmit={save}>
        <ul className="flex flex-col gap-2">
          {rows.map((row, index) => (
            <li key={index} className="flex items-end gap-2">
              <TextField label={t('key', { n: index + 1 })} value={row.key} onChange={(e) => change(index, { key: e.target.value })} maxLength={128} className="flex-1 font-mono" autoComplete="off" spellCheck={false} />
              <TextField label={t('value', { n: index + 1 })} value={row.value} onChange={(e) => change(index, { value: e.target.value })} maxLength={256} className="flex-1 font-mono" autoComplete="off" spellCheck={false} />
              <Button variant="ghost" size="sm" className="mb-0.5" aria-label={t('remove', { n: index + 1 })} onClick={() => setRows((all) => (all.length === 1 ? [{ key: '', value: '' }] : all.filter((_, i) => i !== index)))}>
                <X className="size-4" aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
        <div>
          <Button variant="secondary" size="sm" onClick={() => setRows((all) => [...all, { key: '', value: '' }])} disabled={rows.length >= 64}>
            <Plus className="size-3.5" aria-hidden /> {t('add')}
          </Button>
        </div>
        <FormError message={error} />
        <FormActions label={t('save')} busy={busy} onCancel={() => close(false)} />
      </Form>
    </Dialog>
  );
}
