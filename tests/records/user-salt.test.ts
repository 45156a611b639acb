import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { USER_SALT_FILE, userHashSalt } from '../../adapters/records/user-salt.ts';

const root = mkdtempSync(join(tmpdir(), 'summit-salt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `data-${++n}`);

describe('userHashSalt', () => {
  it('GIVEN no salt configured THEN creates 32 random bytes as hex in dataDir, readable by the owner only', () => {
    const dir = freshDir();
    const salt = userHashSalt(dir);
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    const file = join(dir, USER_SALT_FILE);
    expect(readFileSync(file, 'utf8').trim()).toBe(salt);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // No temporary file is left behind.
    expect(readdirSync(dir)).toEqual([USER_SALT_FILE]);
  });

  it('reuses the salt it made, across calls', () => {
    const dir = freshDir();
    const first = userHashSalt(dir);
    expect(userHashSalt(dir)).toBe(first);
    expect(userHashSalt(dir, '')).toBe(first);
  });

  it('makes a different salt for another data directory: there is no fixed default', () => {
    expect(userHashSalt(freshDir())).not.toBe(userHashSalt(freshDir()));
  });

  it('GIVEN a configured salt THEN uses it and writes no file', () => {
    const dir = freshDir();
    expect(userHashSalt(dir, 'from-USER_HASH_SALT')).toBe('from-USER_HASH_SALT');
    expect(existsSync(join(dir, USER_SALT_FILE))).toBe(false);
  });

  it('GIVEN a configured salt and a kept one THEN the configured one wins', () => {
    const dir = freshDir();
    const kept = userHashSalt(dir);
    expect(userHashSalt(dir, 'configured')).toBe('configured');
    expect(userHashSalt(dir)).toBe(kept);
  });

  it('uses a salt someone placed in the file, trimmed', () => {
    const dir = freshDir();
    userHashSalt(dir);
    writeFileSync(join(dir, USER_SALT_FILE), '  my-own-salt\n');
    expect(userHashSalt(dir)).toBe('my-own-salt');
  });

  it('GIVEN an empty salt file THEN fails saying what to do, rather than silently re-salting every user', () => {
    const dir = freshDir();
    userHashSalt(dir);
    writeFileSync(join(dir, USER_SALT_FILE), '\n');
    expect(() => userHashSalt(dir)).toThrow(/is empty.*USER_HASH_SALT/s);
  });
});
