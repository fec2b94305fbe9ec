// The catalogue namespaces the browser gets (app/layout.tsx hands them to next-intl's provider):
// the rest are said only on the server (at the doors, in pages, by socket handlers) and are not
// sent with every page. Pure and browser-safe.
import type { Messages } from './catalogue.ts';

/** Namespaces client components open (`useTranslations('hosts.table')`), or whose keys modules
 * the browser loads say (schemas, models, lib/errors.ts). lib/i18n/client-namespaces.test.ts finds
 * them in the code and fails when one is missing here. */
const OPENED_IN_THE_BROWSER = [
  'access', 'account', 'apiTokens', 'audit', 'auth', 'backup', 'cloud', 'common', 'compose', 'containers', 'directory',
  'errors', 'gitStacks', 'hosts', 'imageUpdates', 'modelText', 'notifications', 'permissions', 'provisioning', 'registries', 'registryText', 'revisionText', 'scopes', 'sections',
  'services', 'shell', 'stacks', 'streams', 'swarms', 'users', 'webhooks',
] as const satisfies readonly (keyof Messages)[];

/** Namespaces of messages the server hands to the browser unsaid, for useSay (components/hosts/use-say.ts,
 * components/swarms/use-say.ts) to say there: failover and quorum reasons (engineText, and a host's
 * stored status reason: hostText), policy versions, rules and attachments (policyText), grant scopes
 * and the audit chain's verdict (accessText), lifecycle actions' log lines (driverText), and a CLI
 * bundle's revocation reason (guardText). No test can see these: a message built on the server
 * with a new namespace and said in the browser must add its namespace here. */
const SAID_IN_THE_BROWSER = ['accessText', 'driverText', 'engineText', 'guardText', 'hostText', 'policyText'] as const satisfies readonly (keyof Messages)[];

export const CLIENT_NAMESPACES: readonly (keyof Messages)[] = [...OPENED_IN_THE_BROWSER, ...SAID_IN_THE_BROWSER].sort();

/** The part of a catalogue the browser needs. */
export function clientMessages(messages: Messages): Partial<Messages> {
  return Object.fromEntries(CLIENT_NAMESPACES.map((ns) => [ns, messages[ns]]));
}
