/**
 * Unanswered unit-mailbox mail in the task pane (issue #5): reply within 02 working days
 * (QĐ 652/QĐ-BTTTT Đ12 k4), deadlines from shared/calendar overdue().
 *
 * Reading, per unit mailbox:
 *  1. Microsoft Graph (Microsoft 365), when the host gives a Graph token — `getGraphToken`, wired
 *     to nested app authentication (MSAL's nestable client + Office NestedAppAuth 1.1) by whoever
 *     registers the add-in in Entra ID; without that seam Graph is skipped;
 *  2. else, or when Graph fails, EWS through `makeEwsRequestAsync` (Exchange on-premises; the
 *     manifest must ask for ReadWriteMailbox);
 *  3. when both fail, one clear Vietnamese + English message naming both causes.
 * Results keep only ids, senders, subjects and times; the summary for OnNewMessageCompose keeps
 * only counts (common/overdue-summary.ts).
 */
import { overdue, type CalendarPolicy, type OverdueEntry } from '../../shared/calendar';
import { ReaderError, scanEwsMailbox, scanGraphMailbox, type FetchLike, type ReadResult } from '../../shared/mailbox/readers';
import type { KeyValueStore } from '../common/storage';
import { writeSummary, type OverdueSummary } from '../common/overdue-summary';
import { isUnitMailbox } from '../../shared/mailbox';
import type { Policy } from '../../shared/policy/resolve';
export { formatLate as lateText } from '../../shared/calendar';

export interface OverdueEnv {
  /** Unit mailboxes to read (SMTP addresses). */
  mailboxes: string[];
  policy: CalendarPolicy;
  now(): number;
  fetch?: FetchLike;
  /** A Microsoft Graph access token (NAA); absent when the add-in has no Entra registration. */
  getGraphToken?: () => Promise<string>;
  /** makeEwsRequestAsync as a promise; absent when the host has no EWS. */
  makeEwsRequest?: (xml: string) => Promise<string>;
  /** Where the counts for OnNewMessageCompose go. */
  store?: KeyValueStore;
}

export interface MailboxOverdue {
  address: string;
  source: 'graph' | 'ews' | null;
  /** Unanswered mail with deadlines, most late first (overdue(), statuses 'overdue' | 'due-soon' | 'ok'). */
  entries: OverdueEntry[];
  complete: boolean;
  error?: { vi: string; en: string };
}

function why(e: unknown): { vi: string; en: string } {
  if (e instanceof ReaderError) return { vi: e.message_vi, en: e.message_en };
  const m = e instanceof Error ? e.message : String(e);
  return { vi: m, en: m };
}

async function readOne(address: string, env: OverdueEnv): Promise<{ result: ReadResult; source: 'graph' | 'ews' } | { error: { vi: string; en: string } }> {
  let graphError: { vi: string; en: string } | null = null;
  if (env.getGraphToken && env.fetch) {
    try {
      const accessToken = await env.getGraphToken();
      return { result: await scanGraphMailbox({ fetch: env.fetch, accessToken, mailbox: address }), source: 'graph' };
    } catch (e) {
      graphError = why(e);
    }
  }
  if (env.makeEwsRequest) {
    try {
      return { result: await scanEwsMailbox({ makeEwsRequest: env.makeEwsRequest, mailbox: address }), source: 'ews' };
    } catch (e) {
      const ews = why(e);
      return {
        error: graphError
          ? { vi: `Không đọc được hộp thư ${address}. Graph: ${graphError.vi} EWS: ${ews.vi}`, en: `Could not read ${address}. Graph: ${graphError.en} EWS: ${ews.en}` }
          : { vi: `Không đọc được hộp thư ${address} qua EWS: ${ews.vi}`, en: `Could not read ${address} through EWS: ${ews.en}` },
      };
    }
  }
  return {
    error: graphError
      ? { vi: `Không đọc được hộp thư ${address} qua Graph: ${graphError.vi} (Outlook này không có EWS.)`, en: `Could not read ${address} through Graph: ${graphError.en} (no EWS in this Outlook.)` }
      : {
          vi: `Outlook này không cho phép đọc hộp thư ${address}: không có Microsoft Graph (NAA) và không có EWS. Hãy báo người quản trị.`,
          en: `This Outlook cannot read ${address}: neither Microsoft Graph (NAA) nor EWS is available. Tell your administrator.`,
        },
  };
}

export async function loadOverdue(env: OverdueEnv): Promise<MailboxOverdue[]> {
  const out: MailboxOverdue[] = [];
  for (const address of env.mailboxes) {
    const r = await readOne(address, env);
    if ('error' in r) {
      out.push({ address, source: null, entries: [], complete: false, error: r.error });
      continue;
    }
    const entries = overdue(r.result.items, env.policy, new Date(env.now()), { mailboxAddress: address }).map((e) => ({
      id: e.id, from: e.from, subject: e.subject, receivedAt: e.receivedAt, due: e.due, status: e.status,
      ...(e.lateBy !== undefined ? { lateBy: e.lateBy } : {}),
    }));
    out.push({ address, source: r.source, entries, complete: r.result.complete });
  }
  if (env.store) {
    const summary: OverdueSummary = {
      at: env.now(),
      mailboxes: out
        .filter((m) => !m.error)
        .map((m) => {
          const late = m.entries.filter((e) => e.status === 'overdue');
          return { address: m.address, overdue: late.length, ...(late[0] ? { earliestDue: late[0].due } : {}) };
        }),
    };
    await writeSummary(env.store, summary).catch(() => undefined);
  }
  return out;
}

/** Roaming setting (string[]) with the unit mailboxes this user handles in Outlook. */
export const UNIT_MAILBOXES_ROAMING_KEY = 'congvuGuardUnitMailboxes';

/**
 * Which unit mailboxes to read: the ones named in roamingSettings, plus the user's own mailbox
 * when the policy's directory or patterns say it is a unit mailbox (signed in as the văn thư).
 * Patterns go through the shared classifier (re2js, linear time), never a native RegExp.
 */
export function unitMailboxesFor(own: string | undefined, roaming: unknown, policy: Policy): string[] {
  const out: string[] = [];
  const add = (a: unknown) => {
    if (typeof a !== 'string') return;
    const s = a.trim().toLowerCase();
    if (/^[^\s@]+@[^\s@]+$/.test(s) && !out.includes(s)) out.push(s);
  };
  if (Array.isArray(roaming)) roaming.forEach(add);
  const me = (own ?? '').trim().toLowerCase();
  if (me && isUnitMailbox(me, policy)) add(me);
  return out;
}

