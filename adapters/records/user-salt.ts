/**
 * The secret salt `hashUser` mixes into every user id. Configured (USER_HASH_SALT) it is used as
 * is; otherwise it is made once per data directory and kept in `<dataDir>/user-hash-salt`, so
 * hashes stay stable across restarts. There is no fixed default: a salt anyone can read in this
 * repository would let them recompute the hash of any user id.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const USER_SALT_FILE = 'user-hash-salt';

/** The salt to hash user ids with: `configured` when set, else the one kept in `dataDir`. */
export function userHashSalt(dataDir: string, configured?: string): string {
  if (configured !== undefined && configured.trim() !== '') return configured;
  const path = join(dataDir, USER_SALT_FILE);
  return readSalt(path) ?? createSalt(dataDir, path);
}

function readSalt(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const salt = text.trim();
  if (salt === '') {
    // Making a new one here would quietly change every user's hash and split their history.
    throw new Error(
      `${path} is empty. Restore it from a backup, or delete it to start a new salt (every user will then count as new), or set USER_HASH_SALT.`,
    );
  }
  return salt;
}

/**
 * Writes a fresh salt to a private temporary file and links it into place: the link fails if
 * another process got there first (we then use theirs), and no reader ever sees a half-written file.
 */
function createSalt(dataDir: string, path: string): string {
  mkdirSync(dataDir, { recursive: true });
  const salt = randomBytes(32).toString('hex');
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, `${salt}\n`, { mode: 0o600, flag: 'wx' });
    // writeFileSync's mode is filtered by the umask; say it once more, exactly.
    chmodSync(tmp, 0o600);
    linkSync(tmp, path);
    return salt;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      const theirs = readSalt(path);
      if (theirs !== undefined) return theirs;
    }
    throw new Error(`Cannot create the user hash salt ${path}: ${(err as Error).message}. Make DATA_DIR writable, or set USER_HASH_SALT.`, { cause: err });
  } finally {
    rmSync(tmp, { force: true });
  }
}
