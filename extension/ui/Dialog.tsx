/**
 * The in-page "Thư chưa được gửi" dialog (issue #3 item 4).
 *
 * Everything that comes from the mail (subject, body excerpts, file names) or from the policy is
 * rendered as React text children, which React escapes: a subject such as
 * `<img src=x onerror=alert(1)>` shows up as those characters and never becomes an element.
 * There is deliberately no dangerouslySetInnerHTML anywhere in the extension UI.
 *
 * Keyboard: initial focus on "Quay lại sửa" (the safe choice), Tab/Shift+Tab cycle inside the
 * dialog (focus trap), Esc = "Quay lại sửa".
 */
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import type { Finding } from '../../shared/types';
import { t, type MessageId } from '../../shared/i18n';
import type { DialogActions, DialogModel } from '../guard/guard';
import { MIN_REASON_LENGTH } from '../guard/guard';
import { S, type Bi } from './strings';

export interface DialogProps {
  model: DialogModel;
  actions: DialogActions;
  /**
   * Accept only real user clicks on "Vẫn gửi": the page shares our DOM (open shadow root) and
   * must not be able to confirm on the user's behalf. Tests in happy-dom turn this off.
   */
  trustedOnly?: boolean;
}

function Text({ bi, className }: { bi: Bi; className?: string }) {
  return (
    <>
      <span className={className}>{bi.vi}</span> <span className="en" lang="en">{bi.en}</span>
    </>
  );
}

function title(rule: string): Bi {
  const id = `title.${rule}` as MessageId;
  const vi = safeT(id, 'vi');
  return vi ? { vi, en: safeT(id, 'en') ?? rule } : { vi: rule, en: rule };
}

function safeT(id: MessageId, locale: 'vi' | 'en'): string | null {
  try {
    const s = t(id, {}, locale);
    return s && s !== id ? s : null;
  } catch {
    return null;
  }
}

function severityLabel(sev: Finding['severity']): Bi {
  return { vi: safeT(`severity.${sev}` as MessageId, 'vi') ?? sev, en: safeT(`severity.${sev}` as MessageId, 'en') ?? sev };
}

export function whereLabel(where: string): Bi {
  const [head, ...rest] = where.split(':');
  const known = (S.where as Record<string, Bi>)[head ?? ''];
  if (!known) return { vi: where, en: where };
  if (head === 'attachment' && rest.length) {
    const name = rest.join(':');
    return { vi: `${known.vi} ${name}`, en: `${known.en} ${name}` };
  }
  return known;
}

function FindingItem({ f, index }: { f: Finding; index: number }) {
  const ttl = title(f.rule);
  const sev = severityLabel(f.severity);
  return (
    <li className={`finding sev-${f.severity}`} data-rule={f.rule} aria-labelledby={`cg-f${index}`}>
      <div className="finding-head">
        <span className={`badge sev-${f.severity}`}>
          {sev.vi} <span className="en">{sev.en}</span>
        </span>
        <strong id={`cg-f${index}`}>{ttl.vi}</strong> <span className="en">{ttl.en}</span>
        <code className="rule-id">{f.rule}</code>
      </div>
      <p className="msg" lang="vi">
        {f.message}
      </p>
      <p className="msg-en en" lang="en">
        {f.messageEn}
      </p>
      {f.citations.length > 0 && (
        <p className="cite">
          <span className="label">{S.citation.vi}:</span> {f.citations.join('; ')}
        </p>
      )}
      {f.evidence.length > 0 && (
        <ul className="evidence" aria-label={S.evidence.vi}>
          {f.evidence.slice(0, 6).map((e, i) => {
            const w = whereLabel(e.where);
            return (
              <li key={i}>
                <span className="where">{w.vi}:</span> <q className="excerpt">{e.excerpt}</q>
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}

const FOCUSABLE = 'button:not([disabled]), textarea:not([disabled]), input:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

export function Dialog({ model, actions, trustedOnly = true }: DialogProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  const [reason, setReason] = useState('');

  // Initial focus on the safe action, every time the dialog content changes.
  useEffect(() => {
    const target = backRef.current ?? boxRef.current;
    target?.focus();
  }, [model]);

  const onKeyDown = (ev: ReactKeyboardEvent<HTMLDivElement>) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      actions.back();
      return;
    }
    if (ev.key !== 'Tab' || !boxRef.current) return;
    const items = Array.from(boxRef.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    if (!items.length) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = (boxRef.current.getRootNode() as ShadowRoot | Document).activeElement;
    if (ev.shiftKey && (active === first || !boxRef.current.contains(active))) {
      ev.preventDefault();
      last.focus();
    } else if (!ev.shiftKey && (active === last || !boxRef.current.contains(active))) {
      ev.preventDefault();
      first.focus();
    }
  };

  const guarded = (fn: () => void) => (ev: ReactMouseEvent) => {
    if (trustedOnly && !ev.nativeEvent.isTrusted) return;
    fn();
  };

  let heading: Bi;
  let body: ReactNode;
  let buttons: ReactNode = null;

  if (model.kind === 'checking') {
    heading = S.checkingTitle;
    body = (
      <p className="intro" aria-live="polite">
        <Text bi={S.checkingBody} />
      </p>
    );
  } else if (model.kind === 'failure') {
    heading = S.failureTitle;
    body = (
      <>
        <p className="intro">
          <Text bi={S.failureReason[model.reason]} />
        </p>
        <p>
          <Text bi={S.failureBody} />
        </p>
        <details>
          <summary>
            {S.technicalDetail.vi} <span className="en">{S.technicalDetail.en}</span>
          </summary>
          <pre className="detail">{model.detail}</pre>
        </details>
      </>
    );
  } else {
    heading = S.dialogTitle;
    const reasonOk = !model.requireReason || reason.replace(/\s+/g, '').length >= MIN_REASON_LENGTH;
    body = (
      <>
        <p className="intro">
          <Text bi={S.dialogIntro} />
        </p>
        <ul className="findings">
          {model.findings.map((f, i) => (
            <FindingItem key={`${f.rule}-${i}`} f={f} index={i} />
          ))}
        </ul>
        {model.notes && model.notes.length > 0 && (
          <div className="notes" role="note">
            <p>
              <Text bi={S.readNotes} />
            </p>
            <ul>
              {model.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          </div>
        )}
        {!model.canOverride && (
          <p className="no-override" role="note">
            <Text bi={S.noOverride} />
          </p>
        )}
        {model.canOverride && model.requireReason && (
          <div className="reason">
            <label htmlFor="cg-reason">
              {S.reasonLabel.vi} <span className="en">{S.reasonLabel.en}</span>
            </label>
            <textarea
              id="cg-reason"
              rows={2}
              maxLength={500}
              value={reason}
              aria-required="true"
              aria-describedby="cg-reason-hint"
              onChange={(e) => setReason(e.target.value)}
            />
            <p id="cg-reason-hint" className="hint">
              <Text bi={S.reasonHint} />
            </p>
          </div>
        )}
      </>
    );
    buttons = (
      <>
        {model.fix && (
          <button type="button" className="btn convert" data-action="convert" onClick={guarded(actions.convert)}>
            {S.convert.vi} <span className="en">{S.convert.en}</span>
          </button>
        )}
        {model.canOverride && (
          <button
            type="button"
            className="btn override"
            data-action="send-anyway"
            disabled={!reasonOk}
            onClick={guarded(() => actions.sendAnyway(reason))}
          >
            {S.sendAnyway.vi} <span className="en">{S.sendAnyway.en}</span>
          </button>
        )}
      </>
    );
  }

  return (
    <div className="overlay">
      <div
        ref={boxRef}
        className={`dialog kind-${model.kind}`}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="cg-title"
        aria-describedby="cg-body"
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header>
          <h2 id="cg-title">
            {heading.vi} <span className="en">{heading.en}</span>
          </h2>
          <p className="product">{S.product.vi}</p>
        </header>
        <div id="cg-body" className="body">
          {body}
        </div>
        <footer>
          <button ref={backRef} type="button" className="btn primary back" data-action="back" onClick={() => actions.back()}>
            {model.kind === 'checking' ? S.close.vi : S.back.vi}{' '}
            <span className="en">{model.kind === 'checking' ? S.close.en : S.back.en}</span>
          </button>
          {buttons}
        </footer>
      </div>
    </div>
  );
}
