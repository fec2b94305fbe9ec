// A two-column table of current measures ("CPU", "12.5 %"), for a container's stats and a host's
// totals. A measure without a value yet shows a dash.
import { formatBytes } from '@/components/hosts/format.ts';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';

export type Measure = [label: string, value: string | number | null];
type Rates = { cpuPercent: number | null; memoryUsed: number; netRxRate: number | null; netTxRate: number | null; blockReadRate: number | null; blockWriteRate: number | null };

export const formatPercent = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} %`);
export const formatRate = (value: number | null) => (value === null ? '—' : `${formatBytes(Math.round(value))}/s`);

/** CPU, memory, network and block I/O of a sample or of a host's totals; null before the first. */
export function rateMeasures(r: Rates | null, extra: Measure[] = []): Measure[] {
  const at = <T,>(read: (rates: Rates) => T) => (r ? read(r) : null);
  return [
    ['CPU', at((x) => formatPercent(x.cpuPercent))],
    ['Memory used', at((x) => formatBytes(x.memoryUsed))],
    ...extra,
    ['Network received', at((x) => formatRate(x.netRxRate))],
    ['Network sent', at((x) => formatRate(x.netTxRate))],
    ['Block read', at((x) => formatRate(x.blockReadRate))],
    ['Block written', at((x) => formatRate(x.blockWriteRate))],
  ];
}

export function MeasureTable({ caption, valueLabel, measures }: { caption: string; valueLabel: string; measures: Measure[] }) {
  return (
    <Table caption={caption} columns={[{ label: 'Measure' }, { label: valueLabel }]}>
      {measures.map(([label, value]) => (
        <Tr key={label}>
          <RowHeader>{label}</RowHeader>
          <Td>{value ?? '—'}</Td>
        </Tr>
      ))}
    </Table>
  );
}
