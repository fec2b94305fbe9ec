// The API reference: /api/v1/openapi.json rendered in the console (components/account/api-reference.tsx,
// a renderer bundled with the console, no CDN). Linked from the Account page's API tokens.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ApiReference } from '@/components/account/api-reference.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { requireActor } from '@/lib/auth/next/current-actor.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account.apiReference'))('title') };
}

export default async function ApiReferencePage() {
  await requireActor();
  const t = await getTranslations('account.apiReference');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <ApiReference />
    </>
  );
}
