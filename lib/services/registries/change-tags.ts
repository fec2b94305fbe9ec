// Changing a repository's tags (registry.push): deleting a tag's image by digest (every tag on that
// digest goes with it; the registry may have deletes turned off), and retagging (the same manifest
// put under another tag). A delete first checks the tag still points where the user saw it.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { RegistryError } from './registry-client.ts';
import { withRegistry } from './explain-registry-error.ts';
import { clientOf } from './registry-rows.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;

export type DeleteTagInput = { registryId: string; repository: string; tag: string; digest: string };

export async function deleteTag(deps: Deps, actor: Actor, input: DeleteTagInput): Promise<void> {
  const { row, client } = await clientOf(deps, input.registryId);
  const ref = `${input.repository}:${input.tag}`;
  await audited(deps.db, subjectOf(actor), 'registry.tag.delete', { type: 'registry', id: row.id, name: `${row.name}/${ref}@${input.digest}` }, () =>
    withRegistry(row.address, async () => {
      let now: string;
      try {
        now = await client.digestOf(input.repository, input.tag);
      } catch (error) {
        if (error instanceof RegistryError && error.failure === 'not-found') throw new AppError('NOT_FOUND', msg('registries.errors.tagGone', { reference: ref }));
        throw error;
      }
      if (now !== input.digest) throw new AppError('CONFLICT', msg('registries.errors.tagMoved', { reference: ref, digest: now.slice(0, 19) }));
      await client.deleteManifest(input.repository, input.digest);
    }),
  );
}

export type RetagInput = { registryId: string; repository: string; tag: string; newTag: string };

export async function retagImage(deps: Deps, actor: Actor, input: RetagInput): Promise<{ digest: string }> {
  const { row, client } = await clientOf(deps, input.registryId);
  return audited(deps.db, subjectOf(actor), 'registry.tag.retag', { type: 'registry', id: row.id, name: `${row.name}/${input.repository}:${input.tag} → ${input.newTag}` }, () =>
    withRegistry(row.address, async () => {
      if (input.tag === input.newTag) throw new AppError('INVALID_INPUT', msg('registries.errors.sameTag'), { fieldErrors: { newTag: [issueText('registries.errors.sameTag')] } });
      const manifest = await client.manifest(input.repository, input.tag);
      return { digest: await client.putManifest(input.repository, input.newTag, manifest) };
    }),
  );
}
