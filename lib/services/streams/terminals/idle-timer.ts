// Closes a terminal session nobody types in or reads from: every touch pushes the deadline back;
// when it passes, `onIdle` gets the message to show ("Closed after 15 min without activity.").
// Shared by container exec sessions and SSH sessions to hosts.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';

/** "Closed after 15 min without activity." (minutes from a minute on, else seconds). */
export function idleReason(ms: number): Message {
  return ms >= 60_000 ? msg('streamText.ended.idleMinutes', { minutes: Math.round(ms / 60_000) }) : msg('streamText.ended.idleSeconds', { seconds: Math.round(ms / 1000) });
}

export class IdleTimer {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly ms: number,
    private readonly onIdle: (reason: Message) => void,
  ) {}

  touch(): void {
    if (this.stopped) return;
    if (this.timer) this.timer.refresh();
    else {
      this.timer = setTimeout(() => this.onIdle(idleReason(this.ms)), this.ms);
      this.timer.unref();
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
