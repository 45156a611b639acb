/**
 * A set that forgets its oldest entries past a size: enough to remember recent event ids or the
 * threads the bot answered in, without growing for the life of the process.
 */
export class BoundedSet {
  private readonly items = new Set<string>();
  constructor(private readonly max: number) {}

  has(key: string): boolean {
    return this.items.has(key);
  }

  /** Adds `key`; returns false when it was already there (the caller's "seen before"). */
  add(key: string): boolean {
    if (this.items.has(key)) return false;
    this.items.add(key);
    if (this.items.size > this.max) this.items.delete(this.items.values().next().value as string);
    return true;
  }
}
