// A bounded double-ended buffer of log lines for the browser: the newest lines push out the oldest
// (following), older lines fetched when scrolling to the top push out the newest. Memory stays at
// `capacity` items whatever the history's size.
export class RingBuffer<T> {
  private items: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('capacity must be a positive integer');
    this.items = new Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** The i-th item from the oldest, or undefined. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.items[(this.head + index) % this.capacity];
  }

  first(): T | undefined {
    return this.at(0);
  }

  last(): T | undefined {
    return this.at(this.count - 1);
  }

  /** Appends at the end; returns how many were dropped from the start. */
  pushBack(values: readonly T[]): number {
    let dropped = 0;
    for (const value of values.length > this.capacity ? values.slice(values.length - this.capacity) : values) {
      if (this.count === this.capacity) {
        this.items[this.head] = value;
        this.head = (this.head + 1) % this.capacity;
        dropped++;
      } else {
        this.items[(this.head + this.count) % this.capacity] = value;
        this.count++;
      }
    }
    return dropped + Math.max(0, values.length - this.capacity);
  }

  /** Prepends `values` (oldest first) before the start; returns how many were dropped from the end. */
  pushFront(values: readonly T[]): number {
    const kept = values.length > this.capacity ? values.slice(0, this.capacity) : values;
    let dropped = Math.max(0, values.length - this.capacity);
    // Walk backwards so the first of `kept` ends up first.
    for (let i = kept.length - 1; i >= 0; i--) {
      if (this.count === this.capacity) {
        this.count--; // drop the newest
        dropped++;
      }
      this.head = (this.head - 1 + this.capacity) % this.capacity;
      this.items[this.head] = kept[i];
      this.count++;
    }
    return dropped;
  }

  clear(): void {
    this.items = new Array(this.capacity);
    this.head = 0;
    this.count = 0;
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.items[(this.head + i) % this.capacity] as T);
    return out;
  }
}
