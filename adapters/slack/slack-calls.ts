/**
 * Web API calls as values. The WebClient throws four kinds of error (platform `ok:false`, HTTP
 * status, rate limited, request failed) and Bolt's `respond` throws its own; at the edge we want
 * one small failure value we can log and explain to the user, never an exception that ends a
 * handler in silence.
 */
import { webApi } from '@slack/bolt';

/** Why a Web API call or a response_url post failed. */
export interface SlackFailure {
  /**
   * Slack's error code for `ok:false` replies (`not_in_channel`, `no_permission`…), or one of
   * `rate_limited`, `http_<status>`, `request_failed`, `unknown_error`.
   */
  code: string;
  /** Seconds Slack asked us to wait, when it said. */
  retryAfter?: number;
}

/** A call's outcome. */
export type SlackResult<T> = { ok: true; value: T } | { ok: false; failure: SlackFailure };

/** Where calls that failed for good are counted: the process's metrics, set by `startSlack`. */
let countFailure: ((code: string) => void) | undefined;
export function countSlackFailures(sink: ((code: string) => void) | undefined): void {
  countFailure = sink;
}

/** Runs a Web API call (retries are the WebClient's, per its retryConfig) and returns a value. */
export async function callSlack<T>(call: () => Promise<T>): Promise<SlackResult<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    const failure = toFailure(err);
    countFailure?.(failure.code);
    return { ok: false, failure };
  }
}

/** Maps whatever the WebClient or Bolt threw to a `SlackFailure`. */
export function toFailure(err: unknown): SlackFailure {
  const e = (err ?? {}) as { code?: string; data?: { error?: string }; statusCode?: number; retryAfter?: number; message?: string };
  switch (e.code) {
    case webApi.ErrorCode.PlatformError:
      return { code: e.data?.error ?? 'unknown_error' };
    case webApi.ErrorCode.RateLimitedError:
      return { code: 'rate_limited', retryAfter: e.retryAfter };
    case webApi.ErrorCode.HTTPError:
      return { code: `http_${e.statusCode ?? 0}` };
    case webApi.ErrorCode.RequestError:
      return { code: 'request_failed' };
    case 'slack_bolt_respond_error':
      return { code: `http_${e.statusCode ?? 0}` };
  }
  // After its last retry on HTTP 429 the WebClient rethrows a plain Error saying so.
  const retry = /rate limit was exceeded.*retry-after: (\d+)/i.exec(e.message ?? '');
  if (retry) return { code: 'rate_limited', retryAfter: Number(retry[1]) };
  return { code: 'unknown_error' };
}

/** Block Kit problems Slack reports; the plain text alone may still go through. */
export const BLOCK_ERRORS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'too_many_attachments']);

/** What to tell a user whose reply Slack would not take, in words they can act on. */
export function explainFailure(failure: SlackFailure, botName: string): string {
  const code = failure.code;
  if (code === 'rate_limited') {
    const wait = failure.retryAfter ? ` for about ${failure.retryAfter} s` : '';
    return `Slack is rate-limiting me${wait}, so I couldn't post the answer. Please ask again in a minute.`;
  }
  if (code.startsWith('http_5') || code === 'request_failed' || code === 'internal_error' || code === 'fatal_error' || code === 'service_unavailable') {
    return `Slack had a problem (${code}) when I tried to post the answer. Please ask again in a minute.`;
  }
  if (code === 'not_in_channel' || code === 'channel_not_found') {
    return `I can't post in this channel because I'm not a member. Invite me with \`/invite @${botName}\` and ask again.`;
  }
  if (code === 'is_archived') return 'This channel is archived, so I can’t post in it.';
  return `Slack didn't accept my reply (${code}). Please try again, or ask me in a direct message.`;
}
