// Outbound notifications as the browser sees them (never a channel's URL or signing secret: the
// page gets a hint of where it goes), the events Wharf raises, and the pure rule deciding which
// rules an event reaches. The payload each channel kind is sent lives in notification-payloads.ts.
export const CHANNEL_KINDS = ['webhook', 'slack', 'dingtalk', 'wecom', 'feishu'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Kinds whose endpoint signs with a secret the operator pastes (DingTalk's and Feishu's bot "signature" setting), or Wharf's own signature (webhook). */
export const SIGNED_KINDS: ReadonlySet<ChannelKind> = new Set(['webhook', 'dingtalk', 'feishu']);

export const NOTIFICATION_EVENTS = ['deploy.finished', 'deploy.failed', 'node.down', 'host.unreachable', 'container.died', 'update.available', 'audit.chain-broken'] as const;
export type NotificationEventKind = (typeof NOTIFICATION_EVENTS)[number];

export const isChannelKind = (value: string): value is ChannelKind => (CHANNEL_KINDS as readonly string[]).includes(value);
export const isNotificationEvent = (value: string): value is NotificationEventKind => (NOTIFICATION_EVENTS as readonly string[]).includes(value);

/** Where an event happened: the host, the swarm and the stack it concerns, with their names for people. */
export type EventScope = { hostId?: string; hostName?: string; swarmId?: string; swarmName?: string; stackName?: string };

/** An event as raised, stored with each delivery, and sent (English: receivers are logs and chats shared by a team). */
export type NotificationEvent = {
  event: NotificationEventKind;
  /** ISO time the event happened */
  at: string;
  /** One line: what happened */
  title: string;
  /** More detail (may be empty) */
  text: string;
  scope: EventScope;
  /** A test sent from the Notifications page, not a real event */
  test?: true;
};

/** A rule's narrowing: all absent for everything. */
export type RuleScope = { hostId: string | null; swarmId: string | null; stackName: string | null };

/**
 * Whether a rule narrowed to `rule` takes an event in `scope`: a host rule takes events on that
 * host; a swarm rule events of that swarm (its nodes, stacks, and containers of hosts in it); a stack
 * rule only that stack's events. An event with no scope (the audit chain) reaches only rules
 * narrowed to nothing.
 */
export function ruleCovers(rule: RuleScope, scope: EventScope): boolean {
  if (rule.hostId && rule.hostId !== scope.hostId) return false;
  if (rule.swarmId && rule.swarmId !== scope.swarmId) return false;
  if (rule.stackName && rule.stackName !== scope.stackName) return false;
  return true;
}

export type ChannelView = {
  id: string;
  name: string;
  kind: ChannelKind;
  /** Scheme, host and port of the URL: the rest may carry a token */
  urlHint: string;
  hasSecret: boolean;
  createdAt: string;
};

export type RuleView = {
  id: string;
  channelId: string;
  events: NotificationEventKind[];
  hostId: string | null;
  swarmId: string | null;
  stackName: string | null;
  /** The narrowing as people read it (a host's or swarm's name), null for everything */
  scopeName: string | null;
};

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export type DeliveryView = {
  id: string;
  channelId: string;
  event: NotificationEventKind;
  title: string;
  test: boolean;
  status: DeliveryStatus;
  attempts: number;
  lastAnswer: string | null;
  createdAt: string;
  updatedAt: string;
  nextAttemptAt: string | null;
};

export type NotificationsView = { channels: ChannelView[]; rules: RuleView[]; deliveries: DeliveryView[] };

/** A channel just made or given a new generated secret: the secret is answered this once. */
export type SavedChannel = { id: string; name: string; generatedSecret: string | null };

/** What the page shows of a URL: scheme, host and port (a chat webhook's path and query carry its token). */
export function urlHint(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}/…`;
  } catch {
    return '…';
  }
}
