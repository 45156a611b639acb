/**
 * The behaviour every RecordStore shares, run against each backend by its own test file. Not a
 * test file itself (no `.test.ts`): vitest collects it only through the files that call it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedbackRecord, QuestionRecord, RecordStore } from '../../adapters/records/record-store.ts';

export interface ContractTarget {
  /** A new, empty store. */
  fresh(): Promise<RecordStore>;
  /** A persistent backend: opens the database of the last `fresh()` store again, as a restart does. */
  reopen?(): Promise<RecordStore>;
  /** The versions in the last `fresh()` database's `schema_migrations`, in order. */
  migrationVersions?(): Promise<number[]>;
}

const DAY = 86_400_000;

export const fullQuestion = (over: Partial<QuestionRecord> = {}): QuestionRecord => ({
  at: 1_712_345_678_901,
  platform: 'slack',
  user: 'a1b2c3d4e5f6a1b2c3d4e5f6',
  channel: 'C0123ABCD',
  question: 'How high is the summit — "really"? 🏔️',
  readAs: 'how high is the summit',
  outcome: 'answered',
  reason: 'top passage matched',
  confidence: 0.8125,
  citations: ['p-12', 'p-3', 'p-40'],
  latencyMs: 42.5,
  answerId: 'ans-1',
  ...over,
});

/** Only the required fields: every optional one absent. */
export const bareQuestion = (over: Partial<QuestionRecord> = {}): QuestionRecord => ({
  at: 1_712_345_000_000,
  platform: 'discord',
  user: 'ffffeeeeddddccccbbbbaaaa',
  question: "what's the weather?",
  outcome: 'not-covered',
  citations: [],
  latencyMs: 3,
  ...over,
});

export const vote = (over: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  at: 1_712_345_700_000,
  platform: 'slack',
  answerId: 'ans-1',
  user: 'user-hash-1',
  vote: 'up',
  question: 'How high is the summit?',
  answerText: 'It is 8,849 m high [1].',
  citations: ['p-12', 'p-3'],
  ...over,
});

export function recordStoreContract(name: string, target: ContractTarget): void {
  describe(`${name} record store (contract)`, () => {
    const open: RecordStore[] = [];
    const fresh = async () => {
      const s = await target.fresh();
      open.push(s);
      return s;
    };
    const reopen = async () => {
      const s = await target.reopen!();
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    describe('the question log', () => {
      it('GIVEN a record with every field THEN it reads back exactly as logged', async () => {
        const store = await fresh();
        await store.logQuestion(fullQuestion());
        expect(await store.questions()).toStrictEqual([fullQuestion()]);
      });

      it('GIVEN a record without optional fields THEN they read back absent, not undefined or null', async () => {
        const store = await fresh();
        await store.logQuestion(bareQuestion());
        const [got] = await store.questions();
        expect(got).toStrictEqual(bareQuestion());
        for (const key of ['channel', 'readAs', 'reason', 'confidence', 'answerId']) expect(got).not.toHaveProperty(key);
      });

      it('keeps a confidence of 0 and an empty string, which are values, not absence', async () => {
        const store = await fresh();
        await store.logQuestion(fullQuestion({ confidence: 0, reason: '' }));
        const [got] = await store.questions();
        expect(got?.confidence).toBe(0);
        expect(got?.reason).toBe('');
      });

      it('returns questions oldest first, whatever order they were logged in', async () => {
        const store = await fresh();
        for (const at of [3000, 1000, 2000]) await store.logQuestion(bareQuestion({ at, question: `q${at}` }));
        expect((await store.questions()).map((q) => q.question)).toEqual(['q1000', 'q2000', 'q3000']);
      });

      it('keeps the logging order of questions asked in the same millisecond', async () => {
        const store = await fresh();
        for (const q of ['first', 'second', 'third']) await store.logQuestion(bareQuestion({ at: 5000, question: q }));
        expect((await store.questions()).map((q) => q.question)).toEqual(['first', 'second', 'third']);
      });

      it('GIVEN since THEN returns the questions at or after it', async () => {
        const store = await fresh();
        for (const at of [1000, 2000, 3000]) await store.logQuestion(bareQuestion({ at }));
        expect((await store.questions(2000)).map((q) => q.at)).toEqual([2000, 3000]);
        expect(await store.questions(3001)).toEqual([]);
        expect((await store.questions(0)).length).toBe(3);
      });

      it('keeps citations in their order, duplicates included', async () => {
        const store = await fresh();
        const citations = ['p-9', 'p-1', 'p-9', 'intro/para 2'];
        await store.logQuestion(fullQuestion({ citations }));
        expect((await store.questions())[0]?.citations).toEqual(citations);
      });

      it('hands out copies: changing a record after logging or reading it changes nothing stored', async () => {
        const store = await fresh();
        const record = fullQuestion();
        await store.logQuestion(record);
        record.citations.push('p-99');
        (await store.questions())[0]!.citations.push('p-98');
        expect((await store.questions())[0]?.citations).toEqual(fullQuestion().citations);
      });
    });

    describe('feedback', () => {
      it('GIVEN one user voting twice on one answer THEN one vote remains, the latest', async () => {
        const store = await fresh();
        await store.vote(vote({ vote: 'up', at: 1000 }));
        await store.vote(vote({ vote: 'down', at: 2000, answerText: 'edited answer' }));
        expect(await store.feedback()).toStrictEqual([vote({ vote: 'down', at: 2000, answerText: 'edited answer' })]);
      });

      it('GIVEN two users on one answer THEN two votes', async () => {
        const store = await fresh();
        await store.vote(vote({ user: 'u-1', vote: 'up', at: 1000 }));
        await store.vote(vote({ user: 'u-2', vote: 'down', at: 2000 }));
        const got = await store.feedback();
        expect(got.map((f) => [f.user, f.vote])).toEqual([['u-1', 'up'], ['u-2', 'down']]);
      });

      it('GIVEN one user on two answers THEN two votes', async () => {
        const store = await fresh();
        await store.vote(vote({ answerId: 'ans-1' }));
        await store.vote(vote({ answerId: 'ans-2' }));
        expect((await store.feedback()).map((f) => f.answerId).sort()).toEqual(['ans-1', 'ans-2']);
      });

      it('returns votes oldest first, and a changed vote moves to its new time', async () => {
        const store = await fresh();
        await store.vote(vote({ user: 'u-1', at: 1000 }));
        await store.vote(vote({ user: 'u-2', at: 2000 }));
        await store.vote(vote({ user: 'u-1', at: 3000, vote: 'down' }));
        expect((await store.feedback()).map((f) => [f.user, f.at])).toEqual([['u-2', 2000], ['u-1', 3000]]);
      });

      it('orders votes cast in the same millisecond by answer, then user', async () => {
        const store = await fresh();
        await store.vote(vote({ answerId: 'b', user: 'u-1', at: 1000 }));
        await store.vote(vote({ answerId: 'a', user: 'u-1', at: 1000 }));
        await store.vote(vote({ answerId: 'a', user: 'U-2', at: 1000 }));
        // Code-unit order ('U' < 'u'), whatever the database's locale would say.
        expect((await store.feedback()).map((f) => `${f.answerId}/${f.user}`)).toEqual(['a/U-2', 'a/u-1', 'b/u-1']);
      });
    });

    describe('retention', () => {
      it('GIVEN questions 10, 2 and 0 days old THEN prune(7) removes the old one and says so', async () => {
        const store = await fresh();
        const now = Date.now();
        await store.logQuestion(bareQuestion({ at: now - 10 * DAY, question: 'old' }));
        await store.logQuestion(bareQuestion({ at: now - 2 * DAY, question: 'recent' }));
        await store.logQuestion(bareQuestion({ at: now, question: 'new' }));
        expect(await store.prune(7)).toBe(1);
        expect((await store.questions()).map((q) => q.question)).toEqual(['recent', 'new']);
        expect(await store.prune(7)).toBe(0);
        expect(await store.prune(1)).toBe(1);
        expect((await store.questions()).map((q) => q.question)).toEqual(['new']);
      });

      it('prunes questions only: votes stay', async () => {
        const store = await fresh();
        await store.logQuestion(bareQuestion({ at: Date.now() - 100 * DAY }));
        await store.vote(vote({ at: Date.now() - 100 * DAY }));
        expect(await store.prune(30)).toBe(1);
        expect(await store.feedback()).toHaveLength(1);
      });

      it('rejects a negative or NaN number of days instead of deleting everything', async () => {
        const store = await fresh();
        await store.logQuestion(bareQuestion({ at: Date.now() }));
        await expect(store.prune(-1)).rejects.toThrow(RangeError);
        await expect(store.prune(Number.NaN)).rejects.toThrow(RangeError);
        expect(await store.questions()).toHaveLength(1);
      });
    });

    describe('health', () => {
      it('pings true while open and false once closed; closing twice is harmless', async () => {
        const store = await fresh();
        expect(await store.ping()).toBe(true);
        await store.close();
        expect(await store.ping()).toBe(false);
        await store.close();
      });
    });

    if (target.reopen) {
      describe('migrations', () => {
        it('GIVEN the same database opened twice THEN the data is kept and each migration applied once', async () => {
          const first = await fresh();
          await first.logQuestion(fullQuestion());
          await first.vote(vote());
          const versions = await target.migrationVersions!();
          expect(versions.length).toBeGreaterThan(0);
          expect(versions).toEqual(versions.map((_, i) => i + 1));
          await first.close();

          const second = await reopen();
          expect(await second.questions()).toStrictEqual([fullQuestion()]);
          expect(await second.feedback()).toStrictEqual([vote()]);
          expect(await target.migrationVersions!()).toEqual(versions);
          await second.logQuestion(bareQuestion());
          expect(await second.questions()).toHaveLength(2);
        });
      });
    }
  });
}
