import { mkdtempSync, utimesSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInstallCaches, InstallCheckError, vectorsCacheProblem } from '../adapters/install-check.ts';
import { DEFAULT_VECTORS_PATH } from '../src/index.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'summit-install-'));
function header(path: string, format: number): void {
  const h = Buffer.from(JSON.stringify({ format, dims: 1, scale: 1, count: 0, sourceSize: 0, words: [] }));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(h.length);
  writeFileSync(path, Buffer.concat([len, h]));
}

describe('install caches are checked at start, never silently missing', () => {
  it('the real install has a usable word-vector cache', () => {
    expect(vectorsCacheProblem(DEFAULT_VECTORS_PATH, undefined)).toBeUndefined();
  });

  it('names a missing, foreign-format, unreadable or stale cache', () => {
    const d = dir();
    const source = join(d, 'source.json');
    writeFileSync(source, '{}');
    expect(vectorsCacheProblem(join(d, 'none.bin'), source)).toBe('missing');
    header(join(d, 'v2.bin'), 2);
    expect(vectorsCacheProblem(join(d, 'v2.bin'), source)).toMatch(/format 2/);
    writeFileSync(join(d, 'junk.bin'), 'xx');
    expect(vectorsCacheProblem(join(d, 'junk.bin'), source)).toBe('unreadable');
    header(join(d, 'old.bin'), 1);
    utimesSync(join(d, 'old.bin'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect(vectorsCacheProblem(join(d, 'old.bin'), source)).toMatch(/older than/);
  });

  it('rebuilds a missing cache, and says so', () => {
    const d = dir();
    const path = join(d, 'word-vectors.bin');
    const source = join(d, 'source.json');
    writeFileSync(source, '{}');
    const told: string[] = [];
    checkInstallCaches({ vectorsPath: path, sourcePath: source, rebuild: () => (copyFileSync(DEFAULT_VECTORS_PATH, path), true), onRebuild: (w) => told.push(w) });
    expect(told).toEqual(['missing']);
    expect(vectorsCacheProblem(path, source)).toBeUndefined();
  });

  it('fails with the command to run when it cannot rebuild', () => {
    const d = dir();
    const path = join(d, 'word-vectors.bin');
    expect(() => checkInstallCaches({ vectorsPath: path, sourcePath: undefined })).toThrow(InstallCheckError);
    expect(() => checkInstallCaches({ vectorsPath: path, sourcePath: undefined })).toThrow(/npm ci.*build-vectors/);
    writeFileSync(join(d, 'source.json'), '{}');
    expect(() => checkInstallCaches({ vectorsPath: path, sourcePath: join(d, 'source.json'), rebuild: () => false })).toThrow(/rebuilding it failed/);
  });
});
