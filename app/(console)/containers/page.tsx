import { NotBuilt } from '@/components/ui/not-built.tsx';

export const metadata = { title: 'Containers' };

export default function ContainersPage() {
  return (
    <NotBuilt
      title="Containers"
      summary="Containers on every host, in one table."
      coming={['Start, stop, restart and remove, with live state', 'Logs that follow live, terminals inside containers', 'CPU, memory, network and disk charts']}
    />
  );
}
