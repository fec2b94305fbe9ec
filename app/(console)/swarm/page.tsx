import { NotBuilt } from '@/components/ui/not-built.tsx';

export const metadata = { title: 'Swarm' };

export default function SwarmPage() {
  return (
    <NotBuilt
      title="Swarm"
      summary="Form and run swarm clusters from registered hosts."
      coming={['Create a swarm on a host, join others as workers or managers', 'Nodes: promote, demote, drain, labels', 'Quorum guardrails and manager failover', 'A live visualizer of tasks per node']}
    />
  );
}
