/**
 * Command deployment and the invite URL: the JSON discord.js sends to the fake Discord is the
 * command list Discord should hold, guild-scoped when a guild id is set, global otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../adapters/discord/deploy-commands.ts';
import { BOT_PERMISSIONS, inviteUrl } from '../../adapters/discord/invite-url.ts';
import { MAX_QUESTION_LENGTH } from '../../src/index.ts';
import { FakeDiscord, FAKE_PERMISSIONS } from '../fakes/fake-discord.ts';

const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;

describe('deploying the Discord commands', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('PUTs every command to the guild when a guild id is set', async () => {
    const result = await deployCommands({ token: fake.token, applicationId: fake.applicationId, guildId: fake.guildId, apiUrl: fake.apiUrl });
    expect(result).toEqual({ scope: 'guild', count: 5 });
    const [request] = fake.requestsTo('PUT', new RegExp(`^/applications/${fake.applicationId}/guilds/${fake.guildId}/commands$`));
    expect(request!.headers.authorization).toBe(`Bot ${fake.token}`);
    const body = request!.body as any[];
    expect(body.map((c) => c.name)).toEqual(['ask', 'summary', 'pin-summary', 'passage', 'help']);

    const ask = body.find((c) => c.name === 'ask');
    expect(ask.options).toEqual([
      expect.objectContaining({ name: 'question', type: STRING, required: true, max_length: Math.min(MAX_QUESTION_LENGTH, 6_000) }),
      expect.objectContaining({ name: 'private', type: BOOLEAN }),
    ]);

    const summary = body.find((c) => c.name === 'summary');
    expect(summary.options).toEqual([
      expect.objectContaining({ name: 'points', type: INTEGER, min_value: 1, max_value: 10 }),
      expect.objectContaining({ name: 'section', type: STRING, autocomplete: true }),
      expect.objectContaining({ name: 'topic', type: STRING }),
      expect.objectContaining({ name: 'private', type: BOOLEAN }),
    ]);

    const pin = body.find((c) => c.name === 'pin-summary');
    expect(pin.default_member_permissions).toBe(FAKE_PERMISSIONS.PinMessages.toString());
    expect(pin.contexts).toEqual([0]);
    expect(pin.options.map((o: any) => o.name)).toEqual(['points', 'section', 'topic']);

    const passage = body.find((c) => c.name === 'passage');
    expect(passage.options).toEqual([expect.objectContaining({ name: 'id', type: STRING, required: true, autocomplete: true })]);
  });

  it('PUTs the commands globally when no guild id is set', async () => {
    const result = await deployCommands({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl });
    expect(result).toEqual({ scope: 'global', count: 5 });
    expect(fake.commands.get('global')).toHaveLength(5);
  });

  it('refuses to deploy without an application id, naming the variable', async () => {
    await expect(deployCommands({ token: fake.token, apiUrl: fake.apiUrl })).rejects.toThrow(/DISCORD_APPLICATION_ID/);
  });
});

describe('the Discord invite URL', () => {
  it('asks for the bot and applications.commands scopes and exactly the permissions the bot uses', () => {
    const url = new URL(inviteUrl('1100000000000000001'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('1100000000000000001');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    const expected = Object.values(BOT_PERMISSIONS).reduce((a, b) => a | b, 0n);
    expect(BigInt(url.searchParams.get('permissions')!)).toBe(expected);
    expect(Object.keys(BOT_PERMISSIONS).sort()).toEqual(['EmbedLinks', 'PinMessages', 'ReadMessageHistory', 'SendMessages', 'SendMessagesInThreads', 'ViewChannel']);
  });
});
