/**
 * `npm start`: validates the configuration once, opens the corpus, and starts Slack and/or
 * Discord when their tokens are set; with neither, the console adapter on the article.
 */
import { createAnswerer, createThreadedAnswerer } from '../src/index.ts';
import { ConfigError, describeConfig, loadConfigFromEnvFile } from './config.ts';
import type { AdapterDeps, RunningAdapter } from './deps.ts';
import { checkInstallCaches, InstallCheckError } from './install-check.ts';
import { createMetrics } from './observability/metrics.ts';
import { observabilityRoutes, startHttpServer } from './observability/http-server.ts';
import { createLogger } from './logger.ts';
import { openRecordStore } from './records/open-record-store.ts';
import { startRetention } from './records/retention.ts';
import { userHashSalt } from './records/user-salt.ts';
import { openStateStore } from './state/open-state-store.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfigFromEnvFile();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`summit-bot: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }

  // Before anything loads: a missing or stale install cache is rebuilt, or start-up stops with the fix.
  try {
    checkInstallCaches({ onRebuild: (why) => process.stderr.write(`summit-bot: the word-vector cache is ${why}; rebuilding it (about 15 s)…\n`) });
  } catch (err) {
    if (err instanceof InstallCheckError) {
      process.stderr.write(`summit-bot: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }

  if (!config.slack && !config.discord) {
    const { runConsole } = await import('./console/console.ts');
    const answerer = createAnswerer({ corpusDir: config.corpusDir });
    await runConsole(answerer, { input: process.stdin, output: process.stdout });
    return;
  }

  const logger = createLogger({ level: config.logLevel });
  // In a worker thread: an answer's CPU never delays the acks written on this one.
  const answerer = createThreadedAnswerer({ corpusDir: config.corpusDir });
  // The sentence encoder and the article's embeddings load before any platform connects: a
  // missing model is a start-up failure with a fix, not a bot that answers every question with an apology.
  await answerer.ready;
  // State and records open before any platform connects: an unreachable Redis or PostgreSQL is a
  // start-up failure that names the URL (without its password) and the fix.
  const { storage } = config;
  const state = await openStateStore({ dataDir: storage.dataDir, redisUrl: storage.redisUrl }, logger);
  const records = await openRecordStore({ dataDir: storage.dataDir, databaseUrl: storage.databaseUrl, logger });
  const stopRetention = startRetention(records, storage.retentionDays, logger);
  const userSalt = userHashSalt(storage.dataDir, storage.userHashSalt);
  const metrics = createMetrics();
  const deps: AdapterDeps = { answerer, logger, limits: config.limits, state, records, userSalt, metrics };
  logger.info({ config: describeConfig(config) }, 'starting');

  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (err) => logger.error({ err }, 'uncaught exception'));

  const running: RunningAdapter[] = [];
  const expected = [config.slack && 'slack', config.discord && 'discord'].filter(Boolean) as string[];
  // Ready: the index is loaded (it is, by now), every configured platform is connected, and the
  // stores answer.
  const readiness = async () => {
    const [stateUp, recordsUp] = await Promise.all([state.ping().catch(() => false), records.ping().catch(() => false)]);
    const checks: Record<string, boolean> = { index: true, [`state (${state.kind})`]: stateUp, [`records (${records.kind})`]: recordsUp };
    for (const name of expected) checks[name] = running.find((r) => r.name === name)?.connected?.() ?? false;
    return { ready: Object.values(checks).every(Boolean), checks };
  };
  // /healthz, /readyz and /metrics on PORT in every mode: beside /slack/events in Slack HTTP mode
  // (one port), else on a server of their own, up before the platforms connect.
  const slackHttp = Boolean(config.slack && !config.slack.appToken);
  const ops = slackHttp ? undefined : await startHttpServer({ port: config.port, metrics, readiness, logger });
  if (config.slack) {
    const { startSlack } = await import('./slack/index.ts');
    const slack = await startSlack(config.slack, deps, slackHttp ? { httpRoutes: observabilityRoutes({ metrics, readiness, logger }) } : {});
    metrics.watch('slack', slack);
    running.push(slack);
  }
  if (config.discord) {
    const { startDiscord } = await import('./discord/index.ts');
    const discord = await startDiscord(config.discord, deps);
    metrics.watch('discord', discord);
    running.push(discord);
  }
  logger.info({ adapters: running.map((r) => r.name), port: ops?.port }, 'ready');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.warn('shutdown grace period over; exiting');
      process.exit(0);
    }, config.limits.shutdownGraceMs + 1_000);
    timer.unref();
    await Promise.allSettled(running.map((r) => r.stop()));
    await ops?.close();
    await answerer.close();
    stopRetention();
    await Promise.allSettled([state.close(), records.close()]);
    logger.info('stopped');
    logger.flush?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`summit-bot failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
