import { NotBuilt } from '@/components/ui/not-built.tsx';

export const metadata = { title: 'Services' };

export default function ServicesPage() {
  return (
    <NotBuilt
      title="Services"
      summary="Swarm services across the cluster."
      coming={['A live list with replicas running and desired', 'Scale, update with rolling progress, roll back', 'Secrets, configs and overlay networks']}
    />
  );
}
