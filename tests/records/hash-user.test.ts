import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashUser } from '../../adapters/records/record-store.ts';

describe('hashUser', () => {
  it('gives the same hash for the same salt, platform and id', () => {
    expect(hashUser('salt-a', 'slack', 'U0123ABCDEF')).toBe(hashUser('salt-a', 'slack', 'U0123ABCDEF'));
  });

  it('gives a different hash under a different salt', () => {
    expect(hashUser('salt-a', 'slack', 'U0123ABCDEF')).not.toBe(hashUser('salt-b', 'slack', 'U0123ABCDEF'));
  });

  it('gives a different hash for the same id on another platform', () => {
    expect(hashUser('salt-a', 'slack', '123456789012345678')).not.toBe(hashUser('salt-a', 'discord', '123456789012345678'));
  });

  it('keeps the fields apart: moving characters between salt and id changes the hash', () => {
    expect(hashUser('ab', 'slack', 'c')).not.toBe(hashUser('a', 'slack', 'bc'));
  });

  it('is 24 lowercase hex characters and never contains the id (Slack and Discord shaped ids)', () => {
    const slackId = fc.stringMatching(/^[UW][A-Z0-9]{8,10}$/);
    const discordId = fc.bigInt({ min: 10n ** 16n, max: 2n ** 63n - 1n }).map(String);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.oneof(slackId, discordId), (salt, id) => {
        const h = hashUser(salt, 'discord', id);
        expect(h).toMatch(/^[0-9a-f]{24}$/);
        expect(h).not.toContain(id);
        expect(h).not.toContain(id.toLowerCase());
      }),
    );
  });
});
