// A signed-in user keeps the console's language in their profile, so it follows them to every
// browser (the switch's cookie covers the pages before sign-in).
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import type { Locale } from '@/lib/i18n/locales.ts';
import type { ServiceDeps } from '../deps.ts';

export async function chooseLanguage(deps: Pick<ServiceDeps, 'db'>, actor: Actor, locale: Locale): Promise<{ locale: Locale }> {
  await deps.db.user.update({ where: { id: actor.id }, data: { locale } });
  return { locale };
}
