/**
 * The popup's unit-mailbox list (issue #5): sender, subject, received, due, how late; "Mở" opens
 * the message in the webmail, "Xác nhận đã nhận" a prefilled receipt reply (Cần Thơ QĐ 33/2015
 * Đ7 k1), "Tạm ẩn" snoozes the reminder. Mail text is rendered as text, never as HTML.
 */
import { SNOOZE_ALL, formatVn, openUrl, receiptComposeUrl, type PopupModel, type PopupRow } from '../../unit-mailbox/model';

export interface UnitListProps {
  model: PopupModel;
  managed: string[];
  open(url: string): void;
  snooze(key: string, hours: number): void;
  unsnooze(key: string): void;
  refresh(): void;
  refreshing: boolean;
}

const STATUS = {
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  'due-soon': { vi: 'Sắp đến hạn', en: 'Due soon' },
  ok: { vi: 'Còn hạn', en: 'Not yet due' },
};

function Row({ row, p }: { row: PopupRow; p: UnitListProps }) {
  return (
    <li className={`unit-row status-${row.status}${row.snoozedUntil ? ' snoozed' : ''}`} data-id={row.id} data-status={row.status}>
      <div className="unit-subject">{row.subject || '(không tiêu đề)'}</div>
      <div className="unit-from">{row.from}</div>
      <dl className="unit-times">
        <dt>Nhận <span className="en">Received</span></dt>
        <dd className="unit-received">{formatVn(row.receivedAt)}</dd>
        <dt>Hạn <span className="en">Due</span></dt>
        <dd className="unit-due">{formatVn(row.due)}</dd>
      </dl>
      <p className="unit-status">
        {STATUS[row.status].vi}
        {row.late && <span className="unit-late"> — {row.late.vi}</span>} <span className="en">{STATUS[row.status].en}{row.late ? ` — ${row.late.en}` : ''}</span>
        {row.snoozedUntil && (
          <span className="unit-snoozed"> · Tạm ẩn đến {formatVn(new Date(row.snoozedUntil).toISOString())}</span>
        )}
      </p>
      <div className="unit-actions">
        <button type="button" className="unit-open" onClick={() => p.open(openUrl(row))}>
          Mở <span className="en">Open</span>
        </button>
        <button type="button" className="unit-confirm" onClick={() => p.open(receiptComposeUrl(row))}>
          Xác nhận đã nhận <span className="en">Confirm receipt</span>
        </button>
        {row.snoozedUntil ? (
          <button type="button" className="unit-unsnooze" onClick={() => p.unsnooze(row.key)}>
            Bỏ tạm ẩn <span className="en">Unsnooze</span>
          </button>
        ) : (
          <button type="button" className="unit-snooze" onClick={() => p.snooze(row.key, 4)}>
            Tạm ẩn 4 giờ <span className="en">Snooze 4 h</span>
          </button>
        )}
      </div>
    </li>
  );
}

export function UnitList(p: UnitListProps) {
  const { model, managed } = p;
  return (
    <section className="unit" aria-labelledby="unit-head">
      <h2 id="unit-head">
        Hộp thư đơn vị: thư chưa trả lời <span className="en">Unit mailbox: unanswered mail</span>
      </h2>
      {managed.length === 0 ? (
        <p className="unit-none">
          Chưa khai báo hộp thư đơn vị (Cài đặt). <span className="en">No unit mailbox set (Settings).</span>
        </p>
      ) : (
        <>
          <p className="unit-summary" data-count={model.overdueCount}>
            {model.overdueCount} thư quá hạn trả lời (hạn 02 ngày làm việc) <span className="en">{model.overdueCount} overdue</span>
          </p>
          {model.mailboxes.map((m) => (
            <p key={m.address} className="unit-mailbox" data-address={m.address}>
              {m.address}: kiểm tra lúc {formatVn(m.checkedAt)}
              {!m.complete && <span> · chỉ xét thư mới nhất / newest mail only</span>}
              {m.error && (
                <span className="unit-error" role="alert">
                  {' '}· {m.error.vi} <span className="en">{m.error.en}</span>
                </span>
              )}
            </p>
          ))}
          {managed.filter((a) => !model.mailboxes.some((m) => m.address === a)).map((a) => (
            <p key={a} className="unit-mailbox unread" data-address={a}>
              {a}: chưa đọc được — hãy mở hộp thư này trong webmail. <span className="en">Not read yet: open it in the webmail.</span>
            </p>
          ))}
          {model.rows.length > 0 && <ul className="unit-list">{model.rows.map((r) => <Row key={r.key} row={r} p={p} />)}</ul>}
          <div className="unit-actions">
            <button type="button" className="unit-refresh" disabled={p.refreshing} onClick={p.refresh}>
              Làm mới <span className="en">Refresh</span>
            </button>
            <button type="button" className="unit-snooze-all" onClick={() => p.snooze(SNOOZE_ALL, 1)}>
              Tạm ẩn mọi nhắc nhở 1 giờ <span className="en">Snooze all reminders 1 h</span>
            </button>
          </div>
        </>
      )}
    </section>
  );
}
