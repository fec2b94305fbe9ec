// A two-column table of current measures ("CPU", "12.5 %"), for a container's stats and a host's
// totals. A measure without a value yet shows a dash.
import { useTranslations } from 'next-intl';
import { formatBytes } from '@/components/hosts/format.ts';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';

export type Measure = [label: string, value: string | number | null];
type Rates = { cpuPercent: number | null; memoryUsed: number; netRxRate: number | null; netTxRate: number | null; blockReadRate: number | null; blockWriteRate: number | null };

export const formatPercent = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} %`);
export const formatRate = (value: number | null) => (value === null ? '—' : `${formatBytes(Math.round(value))}/s`);

/** The names of the measures, in the page's language. */
export function useMeasureWords() {
  const t = useTranslations('streams.stats');
  return {
    cpu: t('cpu'),
    memoryUsed: t('measures.memoryUsed'),
    networkReceived: t('measures.networkReceived'),
    networkSent: t('measures.networkSent'),
    blockRead: t('measures.blockRead'),
    blockWritten: t('measures.blockWritten'),
  };
}
type MeasureWords = ReturnType<typeof useMeasureWords>;

/** CPU, memory, network and block I/O of a sample or of a host's totals; null before the first. */
export function rateMeasures(words: MeasureWords, r: Rates | null, extra: Measure[] = []): Measure[] {
  const at = <T,>(read: (rates: Rates) => T) => (r ? read(r) : null);
  return [
    [words.cpu, at((x) => formatPercent(x.cpuPercent))],
    [words.memoryUsed, at((x) => formatBytes(x.memoryUsed))],
    ...extra,
    [words.networkReceived, at((x) => formatRate(x.netRxRate))],
    [words.networkSent, at((x) => formatRate(x.netTxRate))],
    [words.blockRead, at((x) => formatRate(x.blockReadRate))],
    [words.blockWritten, at((x) => formatRate(x.blockWriteRate))],
  ];
}

export function MeasureTable({ caption, valueLabel, measures }: { caption: string; valueLabel: string; measures: Measure[] }) {
  const t = useTranslations('streams.stats');
  return (
    <Table caption={caption} columns={[{ label: t('measure') }, { label: valueLabel }]}>
      {measures.map(([label, value]) => (
        <Tr key={label}>
          <RowHeader>{label}</RowHeader>
          <Td>{value ?? '—'}</Td>
        </Tr>
      ))}
    </Table>
  );
}
