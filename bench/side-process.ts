/**
 * The load runs keep the fake platform and its sender in a child process, so their work on an
 * event loop never counts as the bot's latency. This is the parent's end of that channel.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { LimitsConfig } from '../adapters/config.ts';
import type { AdapterDeps } from '../adapters/deps.ts';
import { createLogger } from '../adapters/logger.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteRecordStore } from '../adapters/records/sqlite-records.ts';
import { SqliteStateStore } from '../adapters/state/sqlite-store.ts';
import { createThreadedAnswerer } from '../src/index.ts';

export interface SideProcess<FromSide> {
  readonly child: ChildProcess;
  /** The next message from the side; throws when the side exits first. */
  next(): Promise<FromSide>;
}

/** Forks `script` (run with tsx) with `flag` and queues the messages it sends back. */
export function startSide<FromSide>(script: string, flag: string, name: string): SideProcess<FromSide> {
  const child = fork(script, [flag], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const messages: FromSide[] = [];
  let wake: (() => void) | undefined;
  child.on('message', (m: FromSide) => {
    messages.push(m);
    wake?.();
  });
  child.on('exit', () => wake?.());
  return {
    child,
    async next(): Promise<FromSide> {
      while (!messages.length) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the ${name} process exited early`);
        await new Promise<void>((resolve) => (wake = resolve));
      }
      return messages.shift()!;
    },
  };
}

/** Ends the run (exit 0, a line on stdout) if it is still going after `ms`: a bench stops by itself. */
export function armHardStop(label: string, ms: number, kill: () => void): NodeJS.Timeout {
  const timer = setTimeout(() => {
    process.stdout.write(`${label}: aborted, still running after ${ms / 1000} s\n`);
    kill();
    process.exit(0);
  }, ms);
  timer.unref();
  return timer;
}

/**
 * The bot's dependencies for a load run, as `npm start` has them: the real core in its worker
 * thread, a silent logger, and the default SQLite state and records in a fresh folder.
 */
export function loadRunDeps(limits: LimitsConfig): AdapterDeps {
  const dataDir = mkdtempSync(join(tmpdir(), 'summit-bench-'));
  return {
    answerer: createThreadedAnswerer({ corpusDir: 'corpus' }), logger: createLogger({ level: 'silent' }), limits,
    state: new SqliteStateStore({ path: join(dataDir, 'state.db') }), records: SqliteRecordStore.open({ dataDir }), userSalt: 'bench',
  };
}
