/**
 * Task-pane card: unanswered unit-mailbox mail past (or near) its reply deadline (issue #5;
 * QĐ 652/QĐ-BTTTT Đ12 k4). Graph (NAA) first, EWS second (./overdue.ts). Mail text is rendered
 * as text, never as HTML. Renders nothing when the user handles no unit mailbox.
 */
import { useEffect, useState } from 'react';
import { Badge, Body1, Caption1, Card, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, Text } from '@fluentui/react-components';
import type { Policy } from '../../shared/policy/resolve';
import type { FetchLike } from '../../shared/mailbox/readers';
import type { CalendarPolicy } from '../../shared/calendar';
import { loadOverdue, lateText, unitMailboxesFor, UNIT_MAILBOXES_ROAMING_KEY, type MailboxOverdue } from './overdue';
import { pickStore, type PaneEnv } from './model';

type OverduePolicy = Policy;

interface EwsMailboxLike {
  makeEwsRequestAsync?: (xml: string, cb: (r: { status: string; value?: string; error?: { message?: string; code?: number } }) => void) => void;
}

/** Extra seams the pane may be given (tests; an Entra-registered deployment's NAA token). */
export interface OverdueSeams {
  getGraphToken?: () => Promise<string>;
  now?: () => number;
}

function fmt(iso: string | Date): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  if (Number.isNaN(ms)) return String(iso);
  const d = new Date(ms + 7 * 3600000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export function OverdueCard({ env, policy }: { env: PaneEnv & OverdueSeams; policy: OverduePolicy }) {
  const [state, setState] = useState<{ loading: boolean; boxes: MailboxOverdue[]; mailboxes: string[] }>({ loading: true, boxes: [], mailboxes: [] });

  const ctx = env.office.context;
  const roaming = ctx.roamingSettings ? ctx.roamingSettings.get(UNIT_MAILBOXES_ROAMING_KEY) : undefined;
  // The pane hands over a new Policy object on every refresh (an admin policy.json is
  // re-validated on each recipient change) even when nothing changed: rescan the unit
  // mailboxes only when what the scan uses changes — the mailbox list and the calendar.
  const scanKey = JSON.stringify({
    mailboxes: unitMailboxesFor(ctx.mailbox.userProfile?.emailAddress, roaming, policy),
    calendar: { replyDeadlineWorkingDays: policy.replyDeadlineWorkingDays, checkTimes: policy.checkTimes, calendar: policy.calendar },
  });

  useEffect(() => {
    let alive = true;
    const { mailboxes, calendar } = JSON.parse(scanKey) as { mailboxes: string[]; calendar: CalendarPolicy };
    const mailbox = env.office.context.mailbox as typeof env.office.context.mailbox & EwsMailboxLike;
    if (!mailboxes.length) {
      setState({ loading: false, boxes: [], mailboxes });
      return;
    }
    const ews = mailbox.makeEwsRequestAsync
      ? (xml: string) =>
          new Promise<string>((resolve, reject) =>
            mailbox.makeEwsRequestAsync!(xml, (r) =>
              r.status === 'succeeded' && typeof r.value === 'string' ? resolve(r.value) : reject(new Error(r.error?.message ?? 'makeEwsRequestAsync failed')),
            ),
          )
      : undefined;
    const f = env.window.fetch;
    void loadOverdue({
      mailboxes,
      policy: calendar,
      now: env.now ?? (() => Date.now()),
      fetch: f ? (((u: string, i?: RequestInit) => f(u, i)) as unknown as FetchLike) : undefined,
      getGraphToken: env.getGraphToken,
      makeEwsRequest: ews,
      store: pickStore(env),
    }).then((boxes) => alive && setState({ loading: false, boxes, mailboxes }));
    return () => {
      alive = false;
    };
  }, [env, scanKey]);

  if (!state.loading && !state.mailboxes.length) return null;
  return (
    <Card data-testid="overdue">
      <Subtitle2 as="h2">
        Thư đơn vị chưa trả lời <Caption1>Unanswered unit-mailbox mail</Caption1>
      </Subtitle2>
      {state.loading ? <Spinner size="tiny" label="Đang đọc hộp thư đơn vị… / Reading the unit mailbox…" /> : null}
      {state.boxes.map((b) => {
        const late = b.entries.filter((e) => e.status === 'overdue');
        return (
          <div key={b.address} data-mailbox={b.address} data-source={b.source ?? ''}>
            <Body1 block>
              {b.address}: {b.error ? '' : `${late.length} thư quá hạn / ${late.length} overdue`}
            </Body1>
            {b.error ? (
              <MessageBar intent="error" data-testid="overdue-error">
                <MessageBarBody>
                  <MessageBarTitle>Không đọc được hộp thư đơn vị</MessageBarTitle>
                  {b.error.vi} <span lang="en">{b.error.en}</span>
                </MessageBarBody>
              </MessageBar>
            ) : null}
            <ul>
              {b.entries
                .filter((e) => e.status !== 'ok')
                .map((e) => (
                  <li key={e.id} data-status={e.status} data-testid="overdue-item">
                    <Text weight="semibold" block>
                      {e.subject}
                    </Text>
                    <Caption1 block>{e.from}</Caption1>
                    <Caption1 block>
                      Nhận {fmt(e.receivedAt)} · Hạn {fmt(e.due)}
                      {e.lateBy ? ` · ${lateText(e.lateBy).vi} / ${lateText(e.lateBy).en}` : ''}
                    </Caption1>
                    <Badge color={e.status === 'overdue' ? 'danger' : 'warning'}>
                      {e.status === 'overdue' ? 'Quá hạn / Overdue' : 'Sắp đến hạn / Due soon'}
                    </Badge>
                  </li>
                ))}
            </ul>
            {!b.complete && !b.error ? <Caption1>Chỉ xét thư mới nhất / Only the newest mail was checked</Caption1> : null}
          </div>
        );
      })}
    </Card>
  );
}
