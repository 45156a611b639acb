import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, createThreadedAnswerer } from '../../src/index.ts';

describe('the answer core in a worker thread', () => {
  const threaded = createThreadedAnswerer({ corpusDir: 'corpus' });
  const inProcess = createAnswerer({ corpusDir: 'corpus' });
  beforeAll(() => Promise.all([threaded.ready, inProcess.ready]), 60_000);
  afterAll(() => threaded.close());

  it('answers exactly as the core in process does, follow-ups and summaries included', async () => {
    const conversation = [{ question: 'What did Trump want?', answerKind: 'answered' as const, citations: [], at: 0 }];
    for (const [q, options] of [['How long was the meeing?', undefined], ['Who is Boris Johnson?', undefined], ['and Putin?', { conversation }], ['', undefined]] as const) {
      expect(await threaded.ask(q, options)).toEqual(await inProcess.ask(q, options));
    }
    expect(await threaded.summarizeText('3 road ahead')).toEqual(await inProcess.summarizeText('3 road ahead'));
    expect(await threaded.summarize({ topic: 'bananas' })).toEqual(await inProcess.summarize({ topic: 'bananas' }));
  });

  it('serves the document, passages and help in the main thread', () => {
    expect(threaded.document.title).toBe(inProcess.document.title);
    expect(threaded.passage('alaska-summit/s1/p1')).toEqual(inProcess.passage('alaska-summit/s1/p1'));
    expect(threaded.help()).toEqual(inProcess.help());
  });

  it('rejects a call in flight when its thread dies, and answers the next call from a new thread', async () => {
    const inFlight = threaded.ask('Why was Ukraine excluded?');
    await threaded.close();
    await expect(inFlight).rejects.toThrow(/thread exited/);
    const after = await threaded.ask('How long did the talks last?');
    expect(after.kind === 'answered' && after.citations[0]!.id).toBe('alaska-summit/s0/p1');
  }, 60_000);

  it('keeps a process alive while it loads and answers, and lets it exit when idle', () => {
    const code = "const { createThreadedAnswerer } = await import('./src/index.ts'); const a = createThreadedAnswerer(); const r = await a.ask('How long was the meeting?'); console.log(r.kind);";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout.trim()).toBe('answered');
    expect(run.status).toBe(0);
  }, 70_000);
});
