// @vitest-environment happy-dom
/**
 * The task pane's overdue card rendered with React + Fluent UI (happy-dom), Outlook mocked:
 * makeEwsRequestAsync answers with the EWS FindItem fixture (modelled on the real API), or fails.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { resolvePolicy } from '../../shared/policy';
import { OverdueCard } from '../../outlook-addin/taskpane/OverdueCard';
import { OVERDUE_SUMMARY_KEY } from '../../outlook-addin/common/overdue-summary';
import { fixture } from '../mailbox/helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const NOW = Date.parse('2026-05-05T10:00:00+07:00');
const policy = { ...resolvePolicy('mic'), unitMailboxes: { directory: ['vanthu@mic.gov.vn'], patterns: [] } };

function env(ews: ((xml: string) => string) | null, own = 'vanthu@mic.gov.vn') {
  const stored = new Map<string, string>();
  return {
    stored,
    env: {
      now: () => NOW,
      office: {
        context: {
          mailbox: {
            item: null,
            userProfile: { emailAddress: own },
            ...(ews
              ? {
                  makeEwsRequestAsync: (xml: string, cb: (r: { status: string; value?: string; error?: { message: string } }) => void) => {
                    try {
                      cb({ status: 'succeeded', value: ews(xml) });
                    } catch (e) {
                      cb({ status: 'failed', error: { message: (e as Error).message } });
                    }
                  },
                }
              : {}),
          },
          roamingSettings: { get: () => undefined },
        },
      },
      window: {
        location: { href: 'https://localhost/taskpane.html' },
        setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
        OfficeRuntime: { storage: { getItem: async (k: string) => stored.get(k) ?? null, setItem: async (k: string, v: string) => void stored.set(k, v) } },
      },
    },
  };
}

async function render(e: ReturnType<typeof env>['env']) {
  const div = document.createElement('div');
  document.body.append(div);
  const root = createRoot(div);
  await act(async () => {
    root.render(
      <FluentProvider theme={webLightTheme}>
        <OverdueCard env={e as never} policy={policy} />
      </FluentProvider>,
    );
  });
  for (let i = 0; i < 20 && div.querySelector('[role="progressbar"], .fui-Spinner'); i++) await act(async () => new Promise((r) => setTimeout(r, 10)));
  return { div, unmount: () => act(async () => root.unmount()) };
}

describe('OverdueCard', () => {
  it('lists the overdue and due-soon mail of the unit mailbox from EWS and caches the counts', async () => {
    const pages = ['ews/finditem-page1.xml', 'ews/finditem-page2.xml'];
    let n = 0;
    const e = env(() => fixture(pages[Math.min(n++, 1)]));
    const { div, unmount } = await render(e.env);
    const box = div.querySelector('[data-mailbox="vanthu@mic.gov.vn"]')!;
    expect(box.getAttribute('data-source')).toBe('ews');
    const items = [...div.querySelectorAll('[data-testid="overdue-item"]')];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((li) => ['overdue', 'due-soon'].includes(li.getAttribute('data-status')!))).toBe(true);
    const overdueCount = items.filter((li) => li.getAttribute('data-status') === 'overdue').length;
    expect(box.textContent).toContain(`${overdueCount} thư quá hạn`);
    if (overdueCount) expect(items[0].textContent).toMatch(/Hạn \d\d\/\d\d\/\d{4} \d\d:\d\d · trễ/);
    expect(JSON.parse(e.stored.get(OVERDUE_SUMMARY_KEY)!).mailboxes[0]).toMatchObject({ address: 'vanthu@mic.gov.vn', overdue: overdueCount });
    await unmount();
  });

  it('EWS fails and there is no Graph token: the error is shown in Vietnamese and English', async () => {
    const e = env(() => {
      throw new Error('The remote server returned an error: (403) Forbidden.');
    });
    const { div, unmount } = await render(e.env);
    const err = div.querySelector('[data-testid="overdue-error"]')!;
    expect(err.textContent).toContain('Không đọc được hộp thư vanthu@mic.gov.vn qua EWS');
    expect(err.textContent).toContain('Could not read vanthu@mic.gov.vn through EWS');
    await unmount();
  });

  it('does not rescan the unit mailbox when the pane hands over an equal new Policy object', async () => {
    let scans = 0;
    const e = env(() => {
      scans++;
      return fixture('ews/finditem-page2.xml');
    });
    const div = document.createElement('div');
    document.body.append(div);
    const root = createRoot(div);
    const show = (p: typeof policy) =>
      act(async () => {
        root.render(
          <FluentProvider theme={webLightTheme}>
            <OverdueCard env={e.env as never} policy={p} />
          </FluentProvider>,
        );
      });
    await show(policy);
    await act(async () => new Promise((r) => setTimeout(r, 20)));
    const first = scans;
    expect(first).toBeGreaterThan(0);
    await show(structuredClone(policy)); // what a recipient change does with an admin policy.json
    await act(async () => new Promise((r) => setTimeout(r, 20)));
    expect(scans).toBe(first);
    await show({ ...policy, replyDeadlineWorkingDays: 3 });
    await act(async () => new Promise((r) => setTimeout(r, 20)));
    expect(scans).toBeGreaterThan(first);
    await act(async () => root.unmount());
  });

  it('renders nothing for a user who handles no unit mailbox', async () => {
    const { div, unmount } = await render(env(null, 'nguyen.van.a@mic.gov.vn').env);
    expect(div.querySelector('[data-testid="overdue"]')).toBeNull();
    await unmount();
  });
});
