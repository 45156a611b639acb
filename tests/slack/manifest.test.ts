/**
 * The app manifest must match the code: every slash command the adapter registers, the events
 * its listeners need, the scopes those require, interactivity for the buttons, and Socket Mode.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('adapters/slack/manifest.json', 'utf8'));

/** Slash commands named in the adapter's source, by `name: '/x'` or `app.command('/x'`. */
function registeredCommands(): string[] {
  const dir = 'adapters/slack';
  const files = [...readdirSync(dir).map((f) => join(dir, f)), ...readdirSync(join(dir, 'listeners')).map((f) => join(dir, 'listeners', f))]
    .filter((f) => f.endsWith('.ts'));
  const source = files.map((f) => readFileSync(f, 'utf8')).join('\n');
  return [...source.matchAll(/(?:name: |app\.command\()'(\/[a-z-]+)'/g)].map((m) => m[1]!).sort();
}

describe('the Slack app manifest', () => {
  it('declares exactly the slash commands the adapter registers', () => {
    const declared = manifest.features.slash_commands.map((c: { command: string }) => c.command).sort();
    expect(registeredCommands()).toEqual(['/ask', '/help', '/passage', '/pin-summary', '/summary']);
    expect(declared).toEqual(registeredCommands());
  });

  it('subscribes to mentions, DMs and channel messages (for thread follow-ups), with the scopes they need', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_mention', 'message.im', 'message.channels', 'message.groups']));
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining([
      'app_mentions:read', 'chat:write', 'commands', 'im:history', 'channels:history', 'groups:history', 'pins:read', 'pins:write',
    ]));
  });

  it('enables interactivity for the buttons and Socket Mode', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
