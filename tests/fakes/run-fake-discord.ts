/**
 * Runs the fake Discord on its own, for a manual check of `npm start` against it:
 *
 *   npx tsx tests/fakes/run-fake-discord.ts [port]
 *
 * It prints the environment to start the bot with, then reads commands on stdin (type `help`).
 * Every REST request the bot makes is printed with its status and body.
 */
import { createInterface } from 'node:readline';
import { FAKE_PERMISSIONS, FakeDiscord } from './fake-discord.ts';

const OPTION_TYPE = { string: 3, integer: 4, boolean: 5 } as const;

const HELP = `commands:
  <text>                      a message in #general that mentions the bot
  dm <text>                   a DM to the bot
  /ask <question>             the /ask command (add private=true to make it ephemeral)
  /<command> key=value ...    any command, e.g. /summary points=3 section=7, /pin-summary topic=china,
                              /passage id=alaska-summit/s0/p1, /help
  ?<command> key=value        autocomplete with the last option focused, e.g. ?passage id=road
  press <label>               press a button on the bot's latest answer ("Full passage 1", 👍, 👎)
  nopin | pin                 take away / give back the bot's Pin Messages permission
  close                       drop the gateway connection (the bot should resume)
  invalidate                  invalidate the session (the bot should identify again)
  help`;

/** The bot's non-string options, typed as Discord would send them. */
const TYPED_OPTIONS: Record<string, number> = { points: OPTION_TYPE.integer, private: OPTION_TYPE.boolean };

/** `key=value key=value`, values running to the next ` key=`. */
function parseOptions(text: string, focusLast = false) {
  const parts = [...text.matchAll(/(\w[\w-]*)=(.*?)(?=\s+\w[\w-]*=|$)/g)];
  return parts.map(([, name, raw], i) => {
    const value = raw!.trim();
    const type = TYPED_OPTIONS[name!] ?? OPTION_TYPE.string;
    if (focusLast && i === parts.length - 1) return { name: name!, type, value, focused: true };
    if (type === OPTION_TYPE.integer) return { name: name!, type, value: Number(value) };
    if (type === OPTION_TYPE.boolean) return { name: name!, type, value: value === 'true' };
    return { name: name!, type, value };
  });
}

function latestAnswer(fake: FakeDiscord): any {
  const all = [...fake.messages.values()].flat().filter((m) => m.author.id === fake.bot.id && m.components?.length);
  return all.at(-1);
}

const fake = await FakeDiscord.start({}, Number(process.argv[2] ?? 0));
process.stdout.write([
  `fake Discord listening on ${fake.apiUrl}`,
  'start the bot with:',
  `  DISCORD_TOKEN=${fake.token} DISCORD_APPLICATION_ID=${fake.applicationId} DISCORD_API_URL=${fake.apiUrl} npm start`,
  HELP,
  '',
].join('\n'));

let printed = 0;
setInterval(() => {
  for (const r of fake.requests.slice(printed)) {
    if (r.status === 0) break;
    printed += 1;
    process.stdout.write(`<- ${r.method} ${r.path} ${r.status}${r.body ? ` ${JSON.stringify(r.body).slice(0, 800)}` : ''}\n`);
  }
}, 100).unref();

const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const text = line.trim();
  try {
    if (!text) return;
    if (text === 'help') process.stdout.write(`${HELP}\n`);
    else if (text === 'close') fake.closeGateway(4000);
    else if (text === 'invalidate') fake.invalidateSession();
    else if (text === 'nopin') fake.botPermissions &= ~FAKE_PERMISSIONS.PinMessages;
    else if (text === 'pin') fake.botPermissions |= FAKE_PERMISSIONS.PinMessages;
    else if (text.startsWith('dm ')) fake.sendMessage(text.slice(3), { dm: true });
    else if (text.startsWith('press ')) {
      const label = text.slice(6).trim();
      const answer = latestAnswer(fake);
      const button = answer?.components.flatMap((row: any) => row.components).find((b: any) => b.label === label || b.emoji?.name === label);
      if (!button) throw new Error(`no button "${label}" on the latest answer`);
      fake.pressButton(answer, button.custom_id);
    } else if (text.startsWith('?')) {
      const [name = '', ...rest] = text.slice(1).split(' ');
      fake.autocomplete(name, parseOptions(rest.join(' '), true));
    } else if (text.startsWith('/')) {
      const [name = '', ...rest] = text.slice(1).split(' ');
      const args = rest.join(' ');
      const options = name === 'ask' && !args.includes('question=')
        ? [{ name: 'question', type: OPTION_TYPE.string, value: args.replace(/\s*private=(true|false)\s*$/, '') }, ...parseOptions(args.match(/private=(true|false)\s*$/)?.[0] ?? '')]
        : parseOptions(args);
      fake.slash(name, options);
    } else fake.mentionBot(text);
  } catch (error) {
    process.stdout.write(`!! ${error instanceof Error ? error.message : String(error)}\n`);
  }
});
rl.on('close', () => void fake.close().then(() => process.exit(0)));
process.on('SIGINT', () => void fake.close().then(() => process.exit(0)));
