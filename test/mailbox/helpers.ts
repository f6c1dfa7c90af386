/**
 * Test helpers for the mailbox readers: fixtures from test/fixtures/mailbox and a fetch fake that
 * answers with real WHATWG `Response` objects (so the readers are exercised against what the
 * global fetch returns) and records every request.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FetchInitLike, FetchLike } from '../../shared/mailbox/readers/index.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/mailbox');

export function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

export interface Reply {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface Recorded {
  url: string;
  init?: FetchInitLike;
}

export function fakeFetch(handler: (url: string, init: FetchInitLike | undefined, n: number) => Reply | Promise<Reply>): { fetch: FetchLike; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const r = await handler(url, init, calls.length);
    return new Response(r.body ?? '', { status: r.status ?? 200, headers: r.headers ?? {} });
  };
  return { fetch, calls };
}

export const json = (body: string, status = 200, headers: Record<string, string> = {}): Reply =>
  ({ status, body, headers: { 'content-type': 'application/json; charset=UTF-8', ...headers } });

export const html = (body: string, status = 200): Reply =>
  ({ status, body, headers: { 'content-type': 'text/html; charset=UTF-8' } });

/** Query parameters of a URL as a plain object. */
export function params(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url, 'http://x.invalid/').searchParams);
}
