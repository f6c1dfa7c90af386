// @vitest-environment happy-dom
/**
 * The toolbar popup (React, happy-dom): protection status, the policy in force with its source
 * and error (issue #6 get-policy shape), and the unit-mailbox list with its actions.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { resolvePolicy } from '../../shared/policy';
import { Popup, type PopupProps } from '../../extension/ui/popup/Popup';
import { popupModel, type OverdueCache } from '../../extension/unit-mailbox/model';
import type { PolicyResponse } from '../../extension/lib/messages';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const NOW = Date.parse('2026-05-05T10:00:00+07:00');
const XSS = '<img src=x onerror="window.__pwned=1">';
const cache: OverdueCache = {
  version: 1,
  mailboxes: {
    'vanthu@mic.gov.vn': {
      address: 'vanthu@mic.gov.vn', webmail: 'roundcube', baseUrl: 'https://mail.mic.gov.vn/', checkedAt: '2026-05-05T02:55:00.000Z', complete: false,
      items: [
        { id: '3', from: 'a@x.gov.vn', subject: `Công văn ${XSS}`, receivedAt: '2026-04-24T03:00:00.000Z', due: '2026-04-29T17:00:00+07:00' },
        { id: '9', from: 'c@x.gov.vn', subject: 'Mới', receivedAt: '2026-05-05T02:00:00.000Z', due: '2026-05-07T17:00:00+07:00' },
      ],
    },
  },
};

function policy(source: Partial<Extract<PolicyResponse, { ok: true }>['source']>): PolicyResponse {
  return { ok: true, policy: resolvePolicy('mic'), source: { preset: 'mic', from: 'local', ...source }, lockedKeys: [], allowClearAuditLog: true } as PolicyResponse;
}

let root: Root | null = null;
afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

async function render(over: Partial<PopupProps> = {}) {
  const div = document.createElement('div');
  document.body.append(div);
  root = createRoot(div);
  const props: PopupProps = {
    status: { state: 'active', adapter: 'roundcube', missing: [], hook: true },
    policy: policy({}),
    unit: popupModel(cache, {}, ['vanthu@mic.gov.vn'], NOW),
    managed: ['vanthu@mic.gov.vn'],
    openOptions: vi.fn(),
    open: vi.fn(),
    snooze: vi.fn(),
    unsnooze: vi.fn(),
    refresh: vi.fn(),
    refreshing: false,
    ...over,
  };
  await act(async () => root!.render(<Popup {...props} />));
  return { div, props };
}

describe('popup', () => {
  it('shows the tab status, the policy and its source', async () => {
    const { div } = await render({ policy: policy({ from: 'managed' }) });
    expect(div.querySelector('.status')!.getAttribute('data-state')).toBe('active');
    expect(div.querySelector('.preset')!.getAttribute('data-preset')).toBe('mic');
    expect(div.querySelector('.policy-from')!.textContent).toContain('do quản trị viên đặt');
    expect(div.querySelector('.policy-error')).toBeNull();
  });

  it('shows the policy error the background reports (remote policy failed, last good in force)', async () => {
    const { div } = await render({
      policy: policy({ from: 'remote', error_vi: 'Không tải được chính sách của cơ quan.', error_en: 'Could not fetch the agency policy.', fallbackReason: 'HTTP 503' }),
    });
    const err = div.querySelector('.policy-error')!;
    expect(err.getAttribute('role')).toBe('alert');
    expect(err.textContent).toContain('Không tải được chính sách của cơ quan.');
    expect(err.textContent).toContain('Could not fetch the agency policy.');
    expect(err.textContent).toContain('HTTP 503');
    const failed = await render({ policy: { ok: false, error: 'boom' } });
    expect(failed.div.querySelector('.policy-error')!.textContent).toContain('boom');
  });

  it('lists the unit mailbox mail as text; Mở / Xác nhận đã nhận / Tạm ẩn call back with the right URLs and keys', async () => {
    const { div, props } = await render();
    const rows = [...div.querySelectorAll('.unit-row')];
    expect(rows.map((r) => r.getAttribute('data-status'))).toEqual(['overdue', 'ok']);
    expect(div.querySelectorAll('img')).toHaveLength(0);
    expect(rows[0].querySelector('.unit-subject')!.textContent).toBe(`Công văn ${XSS}`);
    expect(rows[0].querySelector('.unit-received')!.textContent).toBe('24/04/2026 10:00');
    expect(rows[0].querySelector('.unit-due')!.textContent).toBe('29/04/2026 17:00');
    expect(rows[0].querySelector('.unit-late')!.textContent).toContain('trễ 5 ngày 17 giờ');
    expect(div.querySelector('.unit-summary')!.getAttribute('data-count')).toBe('1');
    expect(div.querySelector('.unit-mailbox')!.textContent).toContain('chỉ xét thư mới nhất');
    await act(async () => (rows[0].querySelector('.unit-open') as HTMLElement).click());
    expect(props.open).toHaveBeenLastCalledWith('https://mail.mic.gov.vn/?_task=mail&_mbox=INBOX&_uid=3&_action=show');
    await act(async () => (rows[0].querySelector('.unit-confirm') as HTMLElement).click());
    const url = new URL((props.open as ReturnType<typeof vi.fn>).mock.lastCall![0] as string);
    expect(url.searchParams.get('_reply_uid')).toBe('3');
    expect(url.searchParams.get('_subject')).toBe(`Xác nhận đã nhận: Công văn ${XSS}`);
    await act(async () => (rows[0].querySelector('.unit-snooze') as HTMLElement).click());
    expect(props.snooze).toHaveBeenCalledWith('vanthu@mic.gov.vn#3', 4);
  });

  it('says so when no unit mailbox is named, or when one was not read yet', async () => {
    const none = await render({ managed: [], unit: { rows: [], overdueCount: 0, mailboxes: [] } });
    expect(none.div.querySelector('.unit-none')).not.toBeNull();
    const unread = await render({ managed: ['ubnd@mic.gov.vn'], unit: { rows: [], overdueCount: 0, mailboxes: [] } });
    expect(unread.div.querySelector('.unit-mailbox.unread')!.textContent).toContain('ubnd@mic.gov.vn');
  });
});
