import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);

describe('the dependency rule', () => {
  it('keeps src/ free of chat SDKs, adapters, the network and the environment', () => {
    for (const f of files('src')) {
      const text = readFileSync(f, 'utf8');
      for (const spec of importsOf(f)) {
        expect(spec, `${f} imports ${spec}`).not.toMatch(/discord\.js|@slack\/|^(?:node:)?(?:http|https|net|dgram|tls)$|\/adapters\//);
      }
      expect(text, `${f} reads process.env`).not.toMatch(/process\.env/);
    }
  });

  it('lets adapters reach the core only through src/index.ts', () => {
    for (const f of files('adapters')) {
      for (const spec of importsOf(f)) {
        if (!spec.includes('/src/')) continue;
        expect(relative('.', join(f, '..', spec)), `${f} imports ${spec}`).toBe(join('src', 'index.ts'));
      }
    }
  });
});

describe('a fresh clone', () => {
  it('has no test that reads outside the repository (../shared is the scorer’s, not npm test’s)', () => {
    for (const f of files('tests')) {
      if (f.endsWith('architecture.test.ts')) continue;
      expect(readFileSync(f, 'utf8'), `${f} reaches outside the repository`).not.toMatch(/['"`]\.\.\/(?:\.\.\/)*shared\//);
    }
  });
});
