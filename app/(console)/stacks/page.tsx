import { NotBuilt } from '@/components/ui/not-built.tsx';

export const metadata = { title: 'Stacks' };

export default function StacksPage() {
  return (
    <NotBuilt
      title="Stacks"
      summary="Deploy compose files to a swarm, exactly as docker stack deploy would."
      coming={['Deploy from an editor or an uploaded file', 'Every deploy kept as a revision, with diff and rollback', 'Stacks deployed with the CLI shown and managed too']}
    />
  );
}
