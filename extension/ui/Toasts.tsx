/**
 * Small non-blocking notices in the same shadow root as the dialog: attach-time warnings,
 * "check failed, sent anyway", "converted to Unicode". Text only (see Dialog.tsx).
 */
import type { Finding } from '../../shared/types';
import type { ToastModel } from '../guard/guard';
import { S, type Bi } from './strings';
import { whereLabel } from './Dialog';

export interface ToastEntry {
  id: number;
  model: ToastModel;
}

function heading(model: ToastModel): Bi {
  switch (model.kind) {
    case 'check-failed-sent':
      return S.toastCheckFailedSent;
    case 'converted':
      return S.toastConverted;
    case 'attachment':
      return S.toastAttachment;
    case 'info':
      return S.toastInfo;
  }
}

function tone(model: ToastModel): 'error' | 'warn' | 'info' | 'ok' {
  if (model.kind === 'converted') return 'ok';
  if (model.kind === 'check-failed-sent') return 'error';
  if (model.kind === 'info') return 'info';
  return model.findings.some((f) => f.severity === 'block') ? 'error' : 'warn';
}

function FindingLine({ f }: { f: Finding }) {
  return (
    <li data-rule={f.rule}>
      <span lang="vi">{f.message}</span> <span className="en" lang="en">{f.messageEn}</span>
      {f.citations.length > 0 && <span className="cite"> — {f.citations.join('; ')}</span>}
      {f.evidence.slice(0, 3).map((e, i) => (
        <span key={i} className="toast-evidence">
          {' '}
          ({whereLabel(e.where).vi}: <q>{e.excerpt}</q>)
        </span>
      ))}
    </li>
  );
}

export function Toasts({ toasts, dismiss }: { toasts: ToastEntry[]; dismiss(id: number): void }) {
  if (!toasts.length) return null;
  return (
    <div className="toasts">
      {toasts.map(({ id, model }) => {
        const h = heading(model);
        const tn = tone(model);
        return (
          <div key={id} className={`toast tone-${tn}`} role={tn === 'error' ? 'alert' : 'status'} data-toast={model.kind}>
            <button type="button" className="toast-close" aria-label={`${S.close.vi} / ${S.close.en}`} onClick={() => dismiss(id)}>
              ×
            </button>
            <p className="toast-title">
              {h.vi} <span className="en">{h.en}</span>
            </p>
            {(model.kind === 'attachment' || model.kind === 'info') && (
              <ul>
                {model.findings.map((f, i) => (
                  <FindingLine key={i} f={f} />
                ))}
              </ul>
            )}
            {model.kind === 'check-failed-sent' && <p className="detail">{model.detail}</p>}
          </div>
        );
      })}
    </div>
  );
}
