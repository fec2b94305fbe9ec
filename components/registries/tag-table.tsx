'use client';
// A repository's tags, a page at a time: digest, size, created time, platforms (an image index
// per platform), filtered and sorted in the browser. Those who may push retag a tag, or delete its
// image by digest after typing the tag (every tag on that digest goes with it).
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Tags } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { toast } from 'sonner';
import { formatBytes } from '@/components/hosts/format.ts';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { ConfirmByTyping } from '@/components/ui/confirm-by-typing.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { SelectField, TextField } from '@/components/ui/field.tsx';
import { FormDialog } from '@/components/ui/form.tsx';
import { ReadError, Waiting } from '@/components/ui/query-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { deleteTagAction, retagAction } from '@/lib/actions/registries.ts';
import { filterAndSortTags, platformLabel, type TagSort, type TagView } from '@/lib/models/registries/registry-views.ts';
import { fetchJson } from '@/lib/queries/fetch-json.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import type { TagsPage } from '@/lib/services/registries/browse-registry.ts';

type Props = { registryId: string; repository: string; canPush: boolean };

function RetagDialog({ registryId, repository, tag, onClose }: { registryId: string; repository: string; tag: TagView; onClose: (changed: boolean) => void }) {
  const t = useTranslations('registries.tags');
  const form = useActionForm({ fields: ['newTag'], report: 'inline' });
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose(false)}
      title={t('retagTitle', { reference: `${repository}:${tag.tag}` })}
      description={t('retagDescription')}
      form={form}
      label={t('retag')}
      onSubmit={async (event) => {
        const newTag = String(new FormData(event.currentTarget).get('newTag') ?? '');
        const done = await form.submit(() => retagAction({ registryId, repository, tag: tag.tag, newTag }));
        if (!done) return;
        toast.success(t('retagged', { reference: `${repository}:${newTag}` }));
        onClose(true);
      }}
    >
      <TextField label={t('newTag')} name="newTag" required maxLength={128} autoComplete="off" autoFocus error={form.errors.newTag} />
    </FormDialog>
  );
}

export function TagTable({ registryId, repository, canPush }: Props) {
  const t = useTranslations('registries.tags');
  const queryClient = useQueryClient();
  const key = queryKeys.registryTags(registryId, repository);
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ signal, pageParam }) => fetchJson<TagsPage>(`/api/registries/${registryId}/tags?repository=${encodeURIComponent(repository)}${pageParam ? `&last=${encodeURIComponent(pageParam)}` : ''}`, signal),
    initialPageParam: '',
    getNextPageParam: (page) => page.next ?? undefined,
  });
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<`${TagSort}:${'asc' | 'desc'}`>('created:desc');
  const [retagging, setRetagging] = useState<TagView | null>(null);
  const [deleting, setDeleting] = useState<TagView | null>(null);
  const tags = useMemo(() => (query.data?.pages ?? []).flatMap((p) => p.tags), [query.data]);
  const shown = useMemo(() => {
    const [by, direction] = sort.split(':') as [TagSort, 'asc' | 'desc'];
    return filterAndSortTags(tags, filter, by, direction === 'desc');
  }, [tags, filter, sort]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });

  if (query.isPending) return <Waiting what={t('waiting', { repository })} />;
  if (!query.data) return <ReadError what={t('what', { repository })} error={query.error ?? new Error(t('what', { repository }))} />;
  if (tags.length === 0) {
    return (
      <EmptyState icon={<Tags className="size-8" />} title={t('emptyTitle', { repository })}>
        {t('empty', { repository })}
      </EmptyState>
    );
  }
  return (
    <Card title={t('title', { repository })}>
      <div className="mb-3 grid grid-cols-2 gap-4">
        <TextField label={t('filter')} value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('filterPlaceholder')} autoComplete="off" />
        <SelectField label={t('sort')} value={sort} onChange={(e) => setSort(e.target.value as typeof sort)}>
          <option value="created:desc">{t('sortNewest')}</option>
          <option value="created:asc">{t('sortOldest')}</option>
          <option value="name:asc">{t('sortNameAsc')}</option>
          <option value="name:desc">{t('sortNameDesc')}</option>
          <option value="size:desc">{t('sortLargest')}</option>
          <option value="size:asc">{t('sortSmallest')}</option>
        </SelectField>
      </div>
      <Table
        caption={t('title', { repository })}
        columns={[{ label: t('columnTag') }, { label: t('columnDigest') }, { label: t('columnSize') }, { label: t('columnCreated') }, { label: t('columnPlatforms') }, ...(canPush ? [{ label: t('columnActions'), className: 'text-right' }] : [])]}
      >
        {shown.map((tag) => (
          <Tr key={tag.tag}>
            <RowHeader className="font-mono">{tag.tag}</RowHeader>
            <Td>
              <code title={tag.digest}>{tag.digest.slice(7, 19)}</code>
            </Td>
            <Td className="tabular-nums">{formatBytes(tag.size)}</Td>
            <Td>{tag.created ? <RelativeTime iso={tag.created} /> : <span className="text-muted">{t('unknown')}</span>}</Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                {tag.platforms.map((p) => (
                  <Badge key={p.digest + platformLabel(p)}>{platformLabel(p)}</Badge>
                ))}
              </div>
            </Td>
            {canPush && (
              <Td className="whitespace-nowrap text-right">
                <Button size="sm" variant="secondary" onClick={() => setRetagging(tag)} aria-label={t('retagLabel', { tag: tag.tag })}>
                  {t('retag')}
                </Button>{' '}
                <Button size="sm" variant="danger" onClick={() => setDeleting(tag)} aria-label={t('deleteLabel', { tag: tag.tag })}>
                  {t('delete')}
                </Button>
              </Td>
            )}
          </Tr>
        ))}
      </Table>
      {shown.length === 0 && <p className="mt-2 text-muted">{t('noMatch', { filter })}</p>}
      {query.hasNextPage && (
        <Button className="mt-3" variant="secondary" busy={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
          {t('more')}
        </Button>
      )}
      {retagging && (
        <RetagDialog
          registryId={registryId}
          repository={repository}
          tag={retagging}
          onClose={(changed) => {
            setRetagging(null);
            if (changed) refresh();
          }}
        />
      )}
      {deleting && (
        <ConfirmByTyping
          open
          onOpenChange={(open) => !open && setDeleting(null)}
          title={t('deleteTitle', { reference: `${repository}:${deleting.tag}` })}
          name={deleting.tag}
          consequence={t('deleteConsequence', { digest: deleting.digest.slice(0, 19) })}
          confirmLabel={t('deleteConfirm')}
          onConfirm={async () => {
            const result = await deleteTagAction({ registryId, repository, tag: deleting.tag, digest: deleting.digest });
            if (!result.ok) {
              if (result.error.code === 'NOT_FOUND') refresh();
              return result.error.message;
            }
            toast.success(t('deleted', { reference: `${repository}:${deleting.tag}` }));
            setDeleting(null);
            refresh();
            return null;
          }}
        />
      )}
    </Card>
  );
}
