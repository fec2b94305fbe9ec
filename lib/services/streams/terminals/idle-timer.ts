// Closes a terminal session nobody types in or reads from: every touch pushes the deadline back;
// when it passes, `onIdle` gets the message to show ("Closed after 15 min without activity.").
// Shared by container exec sessions and SSH sessions to hosts.
import 'server-only';

export function describeIdle(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

export class IdleTimer {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly ms: number,
    private readonly onIdle: (message: string) => void,
  ) {}

  touch(): void {
    if (this.stopped) return;
    if (this.timer) this.timer.refresh();
    else {
      this.timer = setTimeout(() => this.onIdle(`Closed after ${describeIdle(this.ms)} without activity.`), this.ms);
      this.timer.unref();
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
