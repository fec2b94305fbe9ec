'use client';
// A repository's tags, a page at a time: digest, size, created time, platforms (an image index
// per platform), filtered and sorted in the browser. Those who may push retag a tag, or delete its
// image by digest after typing the tag (every tag on that digest goes with it).
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Tags } from 'lucide-react';
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
  const form = useActionForm({ fields: ['newTag'], report: 'inline' });
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose(false)}
      title={`Retag ${repository}:${tag.tag}`}
      description="The same image (the same digest) gets another tag in this repository."
      form={form}
      label="Retag"
      onSubmit={async (event) => {
        const newTag = String(new FormData(event.currentTarget).get('newTag') ?? '');
        const done = await form.submit(() => retagAction({ registryId, repository, tag: tag.tag, newTag }));
        if (!done) return;
        toast.success(`Tagged ${repository}:${newTag}`);
        onClose(true);
      }}
    >
      <TextField label="New tag" name="newTag" required maxLength={128} autoComplete="off" autoFocus error={form.errors.newTag} />
    </FormDialog>
  );
}

export function TagTable({ registryId, repository, canPush }: Props) {
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

  if (query.isPending) return <Waiting what={`Asking the registry for the tags of ${repository}…`} />;
  if (!query.data) return <ReadError what={`The tags of ${repository}`} error={query.error ?? new Error('No answer.')} />;
  if (tags.length === 0) {
    return (
      <EmptyState icon={<Tags className="size-8" />} title={`${repository} has no tags`}>
        Push an image to {repository} to see it here; a repository whose tags were all deleted stays empty until then.
      </EmptyState>
    );
  }
  return (
    <Card title={`Tags of ${repository}`}>
      <div className="mb-3 grid grid-cols-2 gap-4">
        <TextField label="Filter tags" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="1.2 or arm64" autoComplete="off" />
        <SelectField label="Sort by" value={sort} onChange={(e) => setSort(e.target.value as typeof sort)}>
          <option value="created:desc">Newest first</option>
          <option value="created:asc">Oldest first</option>
          <option value="name:asc">Tag, A to Z</option>
          <option value="name:desc">Tag, Z to A</option>
          <option value="size:desc">Largest first</option>
          <option value="size:asc">Smallest first</option>
        </SelectField>
      </div>
      <Table caption={`Tags of ${repository}`} columns={[{ label: 'Tag' }, { label: 'Digest' }, { label: 'Size' }, { label: 'Created' }, { label: 'Platforms' }, ...(canPush ? [{ label: 'Actions', className: 'text-right' }] : [])]}>
        {shown.map((t) => (
          <Tr key={t.tag}>
            <RowHeader className="font-mono">{t.tag}</RowHeader>
            <Td>
              <code title={t.digest}>{t.digest.slice(7, 19)}</code>
            </Td>
            <Td className="tabular-nums">{formatBytes(t.size)}</Td>
            <Td>{t.created ? <RelativeTime iso={t.created} /> : <span className="text-muted">unknown</span>}</Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                {t.platforms.map((p) => (
                  <Badge key={p.digest + platformLabel(p)}>{platformLabel(p)}</Badge>
                ))}
              </div>
            </Td>
            {canPush && (
              <Td className="whitespace-nowrap text-right">
                <Button size="sm" variant="secondary" onClick={() => setRetagging(t)} aria-label={`Retag ${t.tag}`}>
                  Retag
                </Button>{' '}
                <Button size="sm" variant="danger" onClick={() => setDeleting(t)} aria-label={`Delete ${t.tag}`}>
                  Delete
                </Button>
              </Td>
            )}
          </Tr>
        ))}
      </Table>
      {shown.length === 0 && <p className="mt-2 text-muted">No tag matches “{filter}”.</p>}
      {query.hasNextPage && (
        <Button className="mt-3" variant="secondary" busy={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
          Load more tags
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
          title={`Delete ${repository}:${deleting.tag}`}
          name={deleting.tag}
          consequence={`The image ${deleting.digest.slice(0, 19)}… is deleted from the registry, with every tag that points at it. Hosts that pulled it keep their copy.`}
          confirmLabel="Delete image"
          onConfirm={async () => {
            const result = await deleteTagAction({ registryId, repository, tag: deleting.tag, digest: deleting.digest });
            if (!result.ok) {
              if (result.error.code === 'NOT_FOUND') refresh();
              return result.error.message;
            }
            toast.success(`Deleted ${repository}:${deleting.tag}`);
            setDeleting(null);
            refresh();
            return null;
          }}
        />
      )}
    </Card>
  );
}
