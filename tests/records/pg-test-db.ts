/**
 * Finds the PostgreSQL server the record tests use: TEST_DATABASE_URL if set, else the local
 * server at 127.0.0.1:5432 (database `test`, trust auth) as `postgres`, then as the OS user.
 * Each test run works in schemas of its own, so runs never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as Error).message || String((err as { code?: string }).code);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A working connection string, or why there is none. */
export async function findPostgres(): Promise<{ url: string } | { reason: string }> {
  const candidates = process.env.TEST_DATABASE_URL
    ? [process.env.TEST_DATABASE_URL]
    : [...new Set(['postgres', userInfo().username])].map((u) => `postgres://${encodeURIComponent(u)}@127.0.0.1:5432/test`);
  const reasons: string[] = [];
  for (const url of candidates) {
    const reason = await reachable(url);
    if (reason === undefined) return { url };
    reasons.push(`${url}: ${reason}`);
  }
  return { reason: reasons.join('; ') };
}

/** A schema name unique to this run: `summit_test_<pid>_<random>`. */
export const runSchemaPrefix = () => `summit_test_${process.pid}_${randomBytes(4).toString('hex')}`;

/** Drops the given schemas and everything in them. */
export async function dropSchemas(url: string, schemas: string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await client.end();
  }
}
