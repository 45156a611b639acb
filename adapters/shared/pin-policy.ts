/**
 * How a new summary replaces the bot's previous pinned one, on every platform, in one order:
 * pin the new summary first, then unpin the earlier ones. Pinning first means a failure (no
 * permission, an outage halfway) never leaves the channel with no summary pinned; at worst two
 * are pinned for a moment. When the channel is at its pin limit, the oldest earlier summary is
 * unpinned first to make room, and the pin is tried once more.
 */

/** The platform operations the policy needs; failures are values, never exceptions. */
export interface PinOps<Ref, Failure> {
  /** The bot's earlier pinned summaries in the channel, oldest first (not the new one). */
  previous(): Promise<Ref[]>;
  pin(): Promise<{ ok: true } | { ok: false; failure: Failure }>;
  unpin(ref: Ref): Promise<boolean>;
  /** Whether a pin failed because the channel holds the most pins it may. */
  isPinLimit(failure: Failure): boolean;
}

export type PinReplacement<Failure> = { ok: true; unpinned: number } | { ok: false; failure: Failure };

/** Pins the new summary and unpins the previous ones, in the policy's order. */
export async function replacePinned<Ref, Failure>(ops: PinOps<Ref, Failure>): Promise<PinReplacement<Failure>> {
  const previous = await ops.previous();
  let pinned = await ops.pin();
  if (!pinned.ok && ops.isPinLimit(pinned.failure) && previous.length) {
    await ops.unpin(previous.shift()!);
    pinned = await ops.pin();
  }
  if (!pinned.ok) return pinned;
  let unpinned = 0;
  for (const old of previous) if (await ops.unpin(old)) unpinned += 1;
  return { ok: true, unpinned };
}
