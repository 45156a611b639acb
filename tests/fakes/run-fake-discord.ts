/**
 * Runs the fake Discord on its own, for a manual check of `npm start`:
 *
 *   npx tsx tests/fakes/run-fake-discord.ts [port]
 *
 * It prints the environment to start the bot with, then accepts lines on stdin: a line of text is
 * sent as a message mentioning the bot; `/ask <question>` as a slash command; `dm <text>` as a DM;
 * `close` drops the gateway (the bot should resume). Everything the bot sends is printed.
 */
import { createInterface } from 'node:readline';
import { FakeDiscord } from './fake-discord.ts';

const fake = await FakeDiscord.start({}, Number(process.argv[2] ?? 0));
process.stdout.write([
  `fake Discord listening on ${fake.apiUrl}`,
  'start the bot with:',
  `  DISCORD_TOKEN=${fake.token} DISCORD_APPLICATION_ID=${fake.applicationId} DISCORD_API_URL=${fake.apiUrl} npm start`,
  'then type a question (mention), "dm <text>", "/ask <question>", or "close".',
  '',
].join('\n'));

let printed = 0;
setInterval(() => {
  for (const r of fake.requests.slice(printed)) {
    if (r.status === 0) break;
    printed += 1;
    process.stdout.write(`<- ${r.method} ${r.path} ${r.status}${r.body ? ` ${JSON.stringify(r.body).slice(0, 600)}` : ''}\n`);
  }
}, 100).unref();

const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const text = line.trim();
  try {
    if (!text) return;
    if (text === 'close') fake.closeGateway(4000);
    else if (text.startsWith('/ask ')) fake.slash('ask', [{ name: 'question', type: 3, value: text.slice(5) }]);
    else if (text.startsWith('dm ')) fake.sendMessage(text.slice(3), { dm: true });
    else fake.mentionBot(text);
  } catch (error) {
    process.stdout.write(`!! ${error instanceof Error ? error.message : String(error)}\n`);
  }
});
rl.on('close', () => void fake.close().then(() => process.exit(0)));
process.on('SIGINT', () => void fake.close().then(() => process.exit(0)));
