'use client';
// A registry's repositories, a page at a time (the catalog's Link pagination), each opening its
// tags; and a field to open a repository by name, for registries without a catalog (Docker Hub,
// GitHub) or that refuse it to these credentials.
import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { ReadError, Waiting } from '@/components/ui/query-state.tsx';
import type { RepositoryPage } from '@/lib/models/registries/registry-views.ts';
import { fetchJson } from '@/lib/queries/fetch-json.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { repositorySchema } from '@/lib/schemas/registries.ts';

const NAME_PLACEHOLDER = 'team/app';

export const repositoryHref = (registryId: string, repository: string) => `/registries/${registryId}?repository=${encodeURIComponent(repository)}`;

function OpenByName({ registryId }: { registryId: string }) {
  const t = useTranslations('registries.repositories');
  const router = useRouter();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <Form
      className="flex items-end gap-2"
      onSubmit={() => {
        const parsed = repositorySchema.safeParse(name);
        if (!parsed.success) return setError(parsed.error.issues[0]?.message);
        router.push(repositoryHref(registryId, parsed.data));
      }}
    >
      <TextField label={t('openByName')} className="grow" value={name} onChange={(e) => setName(e.target.value)} placeholder={NAME_PLACEHOLDER} autoComplete="off" error={error} />
      <Button type="submit" variant="secondary">
        {t('open')}
      </Button>
    </Form>
  );
}

export function RepositoryList({ registryId }: { registryId: string }) {
  const t = useTranslations('registries.repositories');
  const query = useInfiniteQuery({
    queryKey: queryKeys.registryRepositories(registryId),
    queryFn: ({ signal, pageParam }) => fetchJson<RepositoryPage>(`/api/registries/${registryId}/repositories${pageParam ? `?last=${encodeURIComponent(pageParam)}` : ''}`, signal),
    initialPageParam: '',
    getNextPageParam: (page) => page.next ?? undefined,
  });
  const pages = query.data?.pages ?? [];
  const repositories = pages.flatMap((p) => p.repositories);
  const catalog = pages[0]?.catalog ?? true;
  return (
    <Card title={t('title')}>
      <div className="flex flex-col gap-4">
        {query.isPending ? (
          <Waiting what={t('waiting')} />
        ) : query.error && !query.data ? (
          <ReadError what={t('what')} error={query.error} />
        ) : !catalog ? (
          <p className="text-muted">{t('noCatalog')}</p>
        ) : repositories.length === 0 ? (
          <p className="text-muted">{t('none')}</p>
        ) : (
          <ul aria-label={t('list')} className="flex flex-col divide-y divide-border">
            {repositories.map((name) => (
              <li key={name} className="py-1.5">
                <Link href={repositoryHref(registryId, name)} className="font-mono text-accent hover:underline">
                  {name}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {query.hasNextPage && (
          <Button variant="secondary" busy={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
            {t('more')}
          </Button>
        )}
        <OpenByName registryId={registryId} />
      </div>
    </Card>
  );
}
