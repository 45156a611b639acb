/**
 * The dependency rule for the Discord adapter: it reaches the core only through `src/index.ts`,
 * and discord.js stays out of `src/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);

describe('the Discord adapter’s imports', () => {
  it('reach the core only through src/index.ts', () => {
    const files = filesUnder('adapters/discord');
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      for (const spec of importsOf(file).filter((s) => s.includes('/src/'))) {
        expect({ file, spec }).toEqual({ file, spec: expect.stringMatching(/\/src\/index\.ts$/) });
      }
    }
  });

  it('never appear in the core: no file in src/ imports discord.js', () => {
    for (const file of filesUnder('src')) {
      expect({ file, imports: importsOf(file).filter((s) => s.startsWith('discord') || s.startsWith('@discordjs')) }).toEqual({ file, imports: [] });
    }
  });
});
