/**
 * The whole process, as `npm start` runs it: `tsx adapters/main.ts` spawned with the Discord
 * variables pointing at the fake Discord. It answers a mention, exits 0 on SIGTERM, and never
 * prints its token.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/fake-discord.ts';

describe('npm start with Discord configured', () => {
  let fake: FakeDiscord;
  let dataDir: string;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    dataDir = mkdtempSync(join(tmpdir(), 'summit-discord-'));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a mention, exits 0 on SIGTERM, and never prints the token', async () => {
    // tsx itself rather than `npx tsx`: npx does not pass SIGTERM on, tsx does (and exits with
    // the bot's own exit code). Its own process group, so a failed test can reap the whole tree.
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'adapters/main.ts'], {
      detached: true,
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    let code: number | null | 'hung' = 'hung';
    try {
      await fake.waitUntil(() => output.includes('"msg":"ready"'), 20_000, 'the bot to log "ready"');
      const question = fake.mentionBot('How long did the talks last? @everyone');
      const reply = await fake.waitForBotMessage(question.channel_id, (m) => m.message_reference?.message_id === question.id, 10_000);
      expect(reply.embeds[0].description).toMatch(/seven hours/);
      const request = fake.requests.find((r) => r.body?.message_reference?.message_id === question.id)!;
      expect(request.body.allowed_mentions.parse).toEqual([]);

      // Conversation: replies to the answer that are not for the bot get none; a follow-up does.
      const asked = fake.mentionBot('What did Trump want?');
      const first = await fake.waitForBotMessage(fake.channelId, (m) => m.message_reference?.message_id === asked.id, 10_000);
      const thanks = fake.sendMessage('thanks!', { replyTo: first, mentions: [fake.bot] });
      const followUp = fake.sendMessage('and Putin?', { replyTo: first, mentions: [fake.bot] });
      const answer = await fake.waitForBotMessage(fake.channelId, (m) => m.message_reference?.message_id === followUp.id, 10_000);
      expect(answer.embeds[0].description).toContain('Read as “What did Putin want?”');
      expect((fake.messages.get(fake.channelId) ?? []).some((m: any) => m.message_reference?.message_id === thanks.id)).toBe(false);
      const dm = fake.sendMessage('What did Trump want?', { dm: true });
      await fake.waitForBotMessage(dm.channel_id, (m) => m.message_reference?.message_id === dm.id, 10_000);
      const dmFollowUp = fake.sendMessage('and what about Putin?', { dm: true });
      const dmAnswer = await fake.waitForBotMessage(dm.channel_id, (m) => m.message_reference?.message_id === dmFollowUp.id, 10_000);
      expect(dmAnswer.embeds[0].description).toContain('Read as “What did Putin want?”');
    } catch (err) {
      process.stderr.write(output.split('\n').filter((l) => /"level":(40|50)|question|messageCreate/.test(l)).slice(-20).join('\n'));
      throw err;
    } finally {
      // Whatever happened above, the bot and its process group end here: a failed test must not
      // leave a bot behind, blocked on a log pipe nobody reads.
      child.kill('SIGTERM');
      code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
      if (code === 'hung') process.kill(-child.pid!, 'SIGKILL');
    }
    expect(code).toBe(0);
    expect(output).toMatch(/"msg":"stopped"/);
    expect(output).not.toContain(fake.token);
  }, 40_000);
});
