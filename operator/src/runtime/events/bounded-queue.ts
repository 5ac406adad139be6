/**
 * A FIFO that never grows past `capacity`: a push onto a full queue is dropped and counted, as
 * client-go's event broadcaster drops what does not fit its 1,000-event channel
 * (watch.DropIfChannelFull). Events are advice; memory must stay bounded in an event storm.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private head = 0;
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`capacity: expected a whole number >= 1, got ${capacity}`);
  }

  get length(): number {
    return this.items.length - this.head;
  }

  /** False (and counted in `dropped`) when the queue is full. */
  push(item: T): boolean {
    if (this.length >= this.capacity) {
      this.dropped++;
      return false;
    }
    this.items.push(item);
    return true;
  }

  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.head];
    this.head++;
    // Compact once half the array is consumed, so shifting stays O(1) amortized.
    if (this.head * 2 >= this.items.length)
      [this.items, this.head] = [this.items.slice(this.head), 0];
    return item;
  }
}
