import { NotBuilt } from '@/components/ui/not-built.tsx';

export const metadata = { title: 'Registries' };

export default function RegistriesPage() {
  return (
    <NotBuilt
      title="Registries"
      summary="Private registries and their credentials."
      coming={['Registry accounts with credentials sealed at rest', 'Browse repositories and tags', 'Use registry credentials when deploying']}
    />
  );
}
