/**
 * Runs the fake Slack on its own, so the real bot (`npm start`) can be checked by hand against
 * it in HTTP or Socket Mode. It prints what the bot sends and takes typed lines to deliver:
 *
 *   npx tsx tests/fakes/run-fake-slack.ts --port 4010                     # Socket Mode
 *   npx tsx tests/fakes/run-fake-slack.ts --port 4010 --bot-url http://127.0.0.1:3000/slack/events --secret s3cret
 *
 * then, in another shell:
 *
 *   SLACK_BOT_TOKEN=xoxb-fake SLACK_APP_TOKEN=xapp-fake SLACK_API_URL=http://127.0.0.1:4010/api/ npm start
 *   SLACK_BOT_TOKEN=xoxb-fake SLACK_SIGNING_SECRET=s3cret SLACK_API_URL=http://127.0.0.1:4010/api/ npm start
 *
 * Lines: `mention <text>`, `dm <text>`, `thread <text>` (a follow-up in the last answered
 * thread), `/ask <text>` (any slash command), `click <action_id> <value>`, `pins`, `quit`.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { FakeSlack, SlackSender } from './fake-slack.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    'bot-url': { type: 'string' },
    secret: { type: 'string', default: 's3cret' },
    token: { type: 'string', default: 'xoxb-fake' },
    'app-token': { type: 'string', default: 'xapp-fake' },
  },
});

const fake = await new FakeSlack({ botToken: values.token!, appToken: values['app-token'] }).start(Number(values.port));
const sender = new SlackSender(fake, values['bot-url']
  ? { mode: 'http', url: values['bot-url'], signingSecret: values.secret! }
  : { mode: 'socket', fake });

const out = (line: string) => process.stdout.write(`${line}\n`);
out(`fake Slack listening: SLACK_API_URL=${fake.apiUrl}`);
out(values['bot-url'] ? `delivering signed HTTP requests to ${values['bot-url']}` : 'Socket Mode: waiting for the bot to connect');

// Echo what the bot sends, as it arrives.
let seenCalls = 0;
let seenResponses = 0;
setInterval(() => {
  for (; seenCalls < fake.calls.length; seenCalls += 1) {
    const c = fake.calls[seenCalls]!;
    const text = typeof c.params.text === 'string' ? `: ${c.params.text.slice(0, 300)}` : '';
    out(`<- ${c.method}${c.params.channel ? ` [${c.params.channel}${c.params.thread_ts ? ` thread ${c.params.thread_ts}` : ''}]` : ''}${text}`);
  }
  for (; seenResponses < fake.responses.length; seenResponses += 1) {
    const r = fake.responses[seenResponses]!;
    out(`<- response_url ${r.body.response_type ?? ''}: ${String(r.body.text ?? JSON.stringify(r.body)).slice(0, 300)}`);
  }
}, 100).unref();

let lastThread: string | undefined;
let n = 0;
const ts = () => `${Math.floor(Date.now() / 1000)}.${String(++n).padStart(6, '0')}`;

const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  const [word = '', ...rest] = line.trim().split(' ');
  const text = rest.join(' ');
  try {
    if (word === 'quit') break;
    if (word === 'mention') {
      lastThread = ts();
      const r = await sender.event(sender.eventCallback({ type: 'app_mention', user: 'U0HUMAN', text: `<@${fake.botUserId}> ${text}`, ts: lastThread, channel: 'C0GENERAL' }));
      out(`-> app_mention: ${r.status} in ${r.ackMs.toFixed(0)} ms`);
    } else if (word === 'dm') {
      const r = await sender.event(sender.eventCallback({ type: 'message', channel_type: 'im', user: 'U0HUMAN', text, ts: ts(), channel: 'D0HUMAN' }));
      out(`-> message.im: ${r.status} in ${r.ackMs.toFixed(0)} ms`);
    } else if (word === 'thread' && lastThread) {
      const r = await sender.event(sender.eventCallback({ type: 'message', channel_type: 'channel', user: 'U0HUMAN', text, ts: ts(), thread_ts: lastThread, channel: 'C0GENERAL' }));
      out(`-> message in thread: ${r.status} in ${r.ackMs.toFixed(0)} ms`);
    } else if (word.startsWith('/')) {
      const r = await sender.command(word, text, { user: 'U0HUMAN' });
      out(`-> ${word}: ${r.status} in ${r.ackMs.toFixed(0)} ms`);
    } else if (word === 'click') {
      const [actionId = '', ...value] = rest;
      const r = await sender.click({ action_id: actionId, value: value.join(' ') }, { user: 'U0HUMAN' });
      out(`-> click ${actionId}: ${r.status} in ${r.ackMs.toFixed(0)} ms`);
    } else if (word === 'pins') {
      out(JSON.stringify(Object.fromEntries(fake.pins)));
    } else if (word) {
      out('lines: mention <text> | dm <text> | thread <text> | /ask <text> | click <action_id> <value> | pins | quit');
    }
  } catch (err) {
    out(`!! ${err instanceof Error ? err.message : String(err)}`);
  }
}
await fake.stop();
process.exit(0);
