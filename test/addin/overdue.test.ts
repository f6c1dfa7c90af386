/**
 * Outlook pieces of issue #5: the task pane's overdue list read through Microsoft Graph (NAA
 * token) or EWS (makeEwsRequestAsync), with fallbacks and a clear message when both fail, and the
 * OnNewMessageCompose info bar from the pane's cached counts. The Graph and EWS answers are the
 * response fixtures modelled on the real APIs (test/fixtures/mailbox/README.md).
 */
import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '../../shared/policy';
import { overdue } from '../../shared/calendar';
import { ReaderError } from '../../shared/mailbox/readers';
import { loadOverdue, lateText, unitMailboxesFor } from '../../outlook-addin/taskpane/overdue';
import { OVERDUE_INFOBAR_KEY, OVERDUE_SUMMARY_KEY, overdueInfobarText, parseSummary, readSummary } from '../../outlook-addin/common/overdue-summary';
import { handlerStore } from '../../outlook-addin/common/storage';
import { memoryStore } from '../../outlook-addin/common/storage';
import { createHandlers } from '../../outlook-addin/handlers/handlers';
import { HANDLER_FUNCTION_NAMES } from '../../outlook-addin/common/constants';
import type { OfficeLike } from '../../outlook-addin/handlers/office-api';
import { createOfficeMock, type MockOptions } from './office-mock';
import { core, presetPolicy } from './helpers';
import { fakeFetch, fixture, json } from '../mailbox/helpers';

const mic = resolvePolicy('mic');
const UNIT = 'vanthu@mic.gov.vn';
const NOW = Date.parse('2026-05-05T10:00:00+07:00');

function graph() {
  return fakeFetch((url) => json(fixture(url.includes('%24skip=3') ? 'graph/inbox-page2.json' : 'graph/inbox-page1.json')));
}
function ews(pages = ['ews/finditem-page1.xml', 'ews/finditem-page2.xml']) {
  const requests: string[] = [];
  return {
    requests,
    makeEwsRequest: async (xml: string) => {
      requests.push(xml);
      return fixture(pages[Math.min(requests.length, pages.length) - 1]);
    },
  };
}

describe('loadOverdue (task pane)', () => {
  it('Graph with a NAA token: the unit mailbox\'s unanswered mail with deadlines, and the counts for OnNewMessageCompose', async () => {
    const { fetch, calls } = graph();
    const store = memoryStore();
    const e = ews();
    const [box] = await loadOverdue({ mailboxes: [UNIT], policy: mic, now: () => NOW, fetch, getGraphToken: async () => 'tok', makeEwsRequest: e.makeEwsRequest, store });
    expect(box.source).toBe('graph');
    expect(box.error).toBeUndefined();
    expect(calls[0].url).toContain('/users/vanthu%40mic.gov.vn/mailFolders/inbox/messages');
    expect(calls[0].init?.headers).toMatchObject({ Authorization: 'Bearer tok' });
    expect(e.requests).toEqual([]); // EWS not needed
    expect(box.entries.length).toBeGreaterThan(0);
    expect(box.entries.every((x) => x.due.endsWith('+07:00'))).toBe(true);
    // Same answer as the shared overdue() over the same items.
    const late = box.entries.filter((x) => x.status === 'overdue');
    const summary = parseSummary(await store.get(OVERDUE_SUMMARY_KEY));
    expect(summary).toEqual({ at: NOW, mailboxes: [{ address: UNIT, overdue: late.length, ...(late[0] ? { earliestDue: late[0].due } : {}) }] });
  });

  it('Graph fails (401): falls back to EWS', async () => {
    const { fetch } = fakeFetch(() => json(fixture('graph/error-401.json'), 401));
    const e = ews();
    const [box] = await loadOverdue({ mailboxes: [UNIT], policy: mic, now: () => NOW, fetch, getGraphToken: async () => 'expired', makeEwsRequest: e.makeEwsRequest });
    expect(box.source).toBe('ews');
    expect(e.requests[0]).toContain(UNIT);
    expect(box.entries.length).toBeGreaterThan(0);
  });

  it('no NAA (no token provider): EWS; entries agree with shared overdue()', async () => {
    const e = ews();
    const [box] = await loadOverdue({ mailboxes: [UNIT], policy: mic, now: () => NOW, makeEwsRequest: e.makeEwsRequest });
    expect(box.source).toBe('ews');
    const { readEwsMailbox } = await import('../../shared/mailbox/readers');
    const items = await readEwsMailbox({ makeEwsRequest: ews().makeEwsRequest, mailbox: UNIT });
    expect(box.entries.map((x) => [x.id, x.due, x.status])).toEqual(overdue(items, mic, new Date(NOW), { mailboxAddress: UNIT }).map((x) => [x.id, x.due, x.status]));
  });

  it('both fail: one Vietnamese + English message naming both causes, nothing cached for the mailbox', async () => {
    const { fetch } = fakeFetch(() => json(fixture('graph/error-403.json'), 403));
    const store = memoryStore();
    const [box] = await loadOverdue({
      mailboxes: [UNIT], policy: mic, now: () => NOW, fetch, getGraphToken: async () => 'tok', store,
      makeEwsRequest: async () => fixture('ews/error-access-denied.xml'),
    });
    expect(box.source).toBeNull();
    expect(box.entries).toEqual([]);
    expect(box.error!.vi).toMatch(/^Không đọc được hộp thư vanthu@mic\.gov\.vn\. Graph: .+ EWS: .+/);
    expect(box.error!.en).toMatch(/^Could not read vanthu@mic\.gov\.vn\. Graph: .+ EWS: .+/);
    expect(parseSummary(await store.get(OVERDUE_SUMMARY_KEY))!.mailboxes).toEqual([]);
  });

  it('token acquisition itself fails (NAA consent missing) and no EWS: clear message', async () => {
    const [box] = await loadOverdue({
      mailboxes: [UNIT], policy: mic, now: () => NOW, fetch: graph().fetch,
      getGraphToken: async () => { throw new ReaderError('auth', 'graph'); },
    });
    expect(box.error!.vi).toContain('qua Graph');
    expect(box.error!.vi).toContain('không có EWS');
  });

  it('neither Graph nor EWS available', async () => {
    const [box] = await loadOverdue({ mailboxes: [UNIT], policy: mic, now: () => NOW });
    expect(box.error!.vi).toMatch(/không có Microsoft Graph \(NAA\) và không có EWS/);
    expect(box.error!.en).toMatch(/neither Microsoft Graph \(NAA\) nor EWS/);
  });
});

describe('which unit mailboxes the pane reads', () => {
  const policy = resolvePolicy({ extends: 'mic', unitMailboxes: { directory: ['VanThu@mic.gov.vn'], patterns: ['^[a-z0-9]+@binhphuoc\\.gov\\.vn$'] } });
  it('roaming list + own mailbox when the policy says it is a unit mailbox', () => {
    expect(unitMailboxesFor('vanthu@mic.gov.vn', undefined, policy)).toEqual(['vanthu@mic.gov.vn']);
    expect(unitMailboxesFor('vpubnd@binhphuoc.gov.vn', ['x@y.vn', 'bad'], policy)).toEqual(['x@y.vn', 'vpubnd@binhphuoc.gov.vn']);
    expect(unitMailboxesFor('nguyen.van.a@mic.gov.vn', undefined, policy)).toEqual([]);
  });
  it('late text', () => expect(lateText(26 * 3600000)).toEqual({ vi: 'trễ 1 ngày 2 giờ', en: '1 d 2 h late' }));
});

describe('OnNewMessageCompose info bar (cached counts, no network)', () => {
  const summary = (overdueCount: number, at = NOW) => JSON.stringify({ at, mailboxes: [{ address: UNIT, overdue: overdueCount }] });

  function compose(stored: string | null, mock: MockOptions = {}) {
    const m = createOfficeMock({ item: { subject: '', bodyHtml: '', to: [] }, ...mock });
    const store = memoryStore(stored === null ? {} : { [OVERDUE_SUMMARY_KEY]: stored });
    let policyLoads = 0;
    const handlers = createHandlers({
      office: m.Office as unknown as OfficeLike,
      core,
      loadPolicy: () => {
        policyLoads++;
        return Promise.resolve(presetPolicy('mic'));
      },
      now: () => NOW,
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      overdueSummary: () => readSummary(store),
    });
    for (const name of HANDLER_FUNCTION_NAMES) m.Office.actions.associate(name, handlers[name] as never);
    return { m, loads: () => policyLoads };
  }

  it('shows an informational bar when the unit mailbox has overdue mail', async () => {
    const { m } = compose(summary(3));
    const t0 = Date.now();
    const c = await m.fire('onNewMessageComposeHandler', 'olkNewMessageCompose');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(c).toBeDefined();
    const bar = m.notifications.get(OVERDUE_INFOBAR_KEY)!;
    expect(bar).toMatchObject({ type: 'informationalMessage', icon: 'Icon.16', persistent: false });
    expect(bar.message).toBe('Hộp thư đơn vị vanthu@mic.gov.vn có 3 thư quá hạn trả lời (02 ngày làm việc). Mở ngăn Kiểm tra thư công vụ để xem.');
    expect(bar.message.length).toBeLessThanOrEqual(150);
  });

  it('English Outlook: English text', async () => {
    const { m } = compose(summary(1), { displayLanguage: 'en-US' });
    await m.fire('onNewMessageComposeHandler', 'olkNewMessageCompose');
    expect(m.notifications.get(OVERDUE_INFOBAR_KEY)!.message).toMatch(/^Unit mailbox vanthu@mic\.gov\.vn has 1 message\(s\) past/);
  });

  it('no bar when nothing is overdue, when no summary exists, or when it is older than a day', async () => {
    for (const stored of [summary(0), null, summary(5, NOW - 25 * 3600000), '{broken']) {
      const { m } = compose(stored);
      await m.fire('onNewMessageComposeHandler', 'olkNewMessageCompose');
      expect(m.notifications.has(OVERDUE_INFOBAR_KEY), String(stored)).toBe(false);
    }
  });

  it('a failing info-bar API does not stop the compose checks', async () => {
    const { m, loads } = compose(summary(2), { fail: ['notificationMessages.replaceAsync'] });
    const c = await m.fire('onNewMessageComposeHandler', 'olkNewMessageCompose');
    expect(c).toBeDefined();
    expect(loads()).toBe(1);
  });

  it('other change events do not show it', async () => {
    const { m } = compose(summary(2));
    await m.fire('onMessageRecipientsChangedHandler', 'olkRecipientsChanged');
    expect(m.notifications.has(OVERDUE_INFOBAR_KEY)).toBe(false);
  });

  it('the text helper caps at 150 characters and sums several mailboxes', () => {
    const s = { at: NOW, mailboxes: [{ address: 'a@x.gov.vn', overdue: 2 }, { address: 'b@x.gov.vn', overdue: 3 }] };
    expect(overdueInfobarText(s, NOW, 'vi')).toContain('2 hộp thư đơn vị có 5 thư');
    const long = { at: NOW, mailboxes: [{ address: 'a'.repeat(140) + '@x.gov.vn', overdue: 1 }] };
    expect(overdueInfobarText(long, NOW, 'vi')!.length).toBe(150);
  });

  it('the handler store: OfficeRuntime.storage only (the handler bundle never uses localStorage)', async () => {
    expect(await readSummary(handlerStore({}))).toBeNull();
    const data = new Map<string, string>([[OVERDUE_SUMMARY_KEY, summary(4)]]);
    const st = handlerStore({ OfficeRuntime: { storage: { getItem: async (k) => data.get(k) ?? null, setItem: async (k, v) => void data.set(k, v) } } });
    expect((await readSummary(st))!.mailboxes[0].overdue).toBe(4);
  });
});
