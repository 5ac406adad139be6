import type { ObjectSource } from './routing-catalog.js';

interface Named {
  metadata?: { name?: string; namespace?: string };
}

/**
 * An ObjectSource held in memory, behaving as the Informer's cache does: a change is in the
 * cache before handlers run, and a deleted object is gone from it. For unit tests.
 */
export class MemorySource<T extends Named> implements ObjectSource<T> {
  private readonly objects = new Map<string, T>();
  private readonly handlers: Array<(object: T) => void> = [];
  synced = true;

  list(namespace?: string): readonly T[] {
    const all = [...this.objects.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata?.namespace === namespace);
  }

  get(name: string, namespace?: string): T | undefined {
    return this.objects.get(`${namespace ?? ''}/${name}`);
  }

  onChange(handler: (object: T) => void): void {
    this.handlers.push(handler);
  }

  hasSynced(): boolean {
    return this.synced;
  }

  put(object: T): void {
    this.objects.set(this.key(object), object);
    this.handlers.forEach((handler) => handler(object));
  }

  remove(object: T): void {
    this.objects.delete(this.key(object));
    this.handlers.forEach((handler) => handler(object));
  }

  private key(object: T): string {
    return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
  }
}
