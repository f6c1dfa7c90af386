/**
 * The options page (issue #6 item 3). Everything the user may choose, and — shown locked with
 * "Do cơ quan quản lý" — everything the agency decided. Browser APIs come in through
 * OptionsApi so the page renders the same in tests and in the extension.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { PRESET_IDS, SOURCES, isPresetId, type PresetId } from '../../../shared/policy';
import type { PolicyResponse } from '../../lib/messages';
import type { OverrideRecord } from '../../guard/guard';
import { originToMatchPattern } from '../../lib/origins';
import { auditCsv, auditFileName, vietnamTime } from '../../lib/audit-csv';
import type { Bi } from '../strings';
import { O } from './strings';
import { checkAddress, exportSettings, parseSettings, type UserSettings } from './settings-io';
import './options.css';

export interface OptionsState {
  policy: PolicyResponse | null;
  user: UserSettings;
  audit: OverrideRecord[];
}

export interface OptionsApi {
  load(): Promise<OptionsState>;
  /** Store some of the user's settings (never the agency's). */
  save(s: Partial<UserSettings>): Promise<void>;
  /** Asks the browser; must run inside the click (user gesture). */
  addOrigin(pattern: string): Promise<boolean>;
  removeOrigin(pattern: string): Promise<void>;
  /** The no-service-signup warning needs access to every site: ask at the moment of opt-in. */
  requestSignupPermission(): Promise<boolean>;
  hasSignupPermission(): Promise<boolean>;
  clearAudit(): Promise<void>;
  download(name: string, content: string, type: string): void;
  /** Call back when storage or the managed policy changes. */
  onChanged(fn: () => void): void;
  confirm(text: string): boolean;
}

type Lang = 'vi' | 'en';

/** Chosen language first, the other second (smaller). */
function T({ bi, lang }: { bi: Bi; lang: Lang }) {
  const [a, b] = lang === 'en' ? [bi.en, bi.vi] : [bi.vi, bi.en];
  return (
    <>
      {a} <span className="en">{b}</span>
    </>
  );
}

function Lock({ lang }: { lang: Lang }) {
  return (
    <span className="lock" data-locked="true" title={lang === 'en' ? O.locked.en : O.locked.vi}>
      {/* An SVG, not the 🔒 emoji: many agency PCs (and Debian without an emoji font) show tofu. */}
      <svg className="lock-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5zm1.5 0h4V5a2 2 0 0 0-4 0v2z" fill="currentColor" />
      </svg>{' '}
      <T bi={O.locked} lang={lang} />
    </span>
  );
}

const presetName = (id: string, lang: Lang) => (isPresetId(id) ? `${lang === 'en' ? SOURCES[id].en : SOURCES[id].vi}` : id);

/** Readable labels for the agency's flat keys (shared/policy/managed.ts). */
const MANAGED_LABELS: Record<string, Bi> = {
  preset: { vi: 'Quy chế', en: 'Preset' },
  agencyDomains: { vi: 'Tên miền của cơ quan', en: 'Agency domains' },
  publicDomains: { vi: 'Nhà cung cấp thư công cộng bổ sung', en: 'Extra public mail providers' },
  unitMailboxDirectory: { vi: 'Danh bạ hộp thư đơn vị', en: 'Unit mailbox directory' },
  unitMailboxPatterns: { vi: 'Mẫu địa chỉ hộp thư đơn vị', en: 'Unit mailbox patterns' },
  attachmentLimitMB: { vi: 'Giới hạn tệp đính kèm (MB)', en: 'Attachment limit (MB)' },
  replyDeadlineWorkingDays: { vi: 'Hạn trả lời (ngày làm việc)', en: 'Reply deadline (working days)' },
  checkTimes: { vi: 'Giờ mở hộp thư đơn vị', en: 'Unit mailbox check times' },
  onError: { vi: 'Khi không kiểm tra được', en: 'When a check cannot run' },
  customMarkings: { vi: 'Dấu mật bổ sung', en: 'Extra classified markings' },
  policyUrl: { vi: 'Địa chỉ tệp chính sách', en: 'Policy file URL' },
  allowClearAuditLog: { vi: 'Cho xóa nhật ký', en: 'Log may be cleared' },
  allowUserPreset: { vi: 'Cho người dùng chọn quy chế', en: 'Users may choose the preset' },
};

function ListEditor(props: {
  id: string;
  lang: Lang;
  items: string[];
  disabled?: boolean;
  placeholder: string;
  validate(v: string): Bi | null;
  onChange(items: string[]): Promise<void>;
}) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<Bi | null>(null);
  const add = async () => {
    const v = draft.trim().toLowerCase();
    const problem = props.validate(v);
    setError(problem);
    if (problem) return;
    if (!props.items.includes(v)) await props.onChange([...props.items, v]);
    setDraft('');
  };
  return (
    <div className="list-editor" id={props.id}>
      <ul>
        {props.items.map((x) => (
          <li key={x}>
            <code>{x}</code>{' '}
            {!props.disabled && (
              <button type="button" className="small" onClick={() => void props.onChange(props.items.filter((y) => y !== x))}>
                <T bi={O.remove} lang={props.lang} />
              </button>
            )}
          </li>
        ))}
      </ul>
      {!props.disabled && (
        <div className="row">
          <input aria-label={props.id} value={draft} placeholder={props.placeholder} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void add()} />
          <button type="button" onClick={() => void add()}>
            <T bi={O.add} lang={props.lang} />
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          <T bi={error} lang={props.lang} />
        </p>
      )}
    </div>
  );
}

function Section({ title, lang, locked, children, id }: { title: Bi; lang: Lang; locked?: boolean; children: ReactNode; id: string }) {
  return (
    <section id={id} data-locked={locked ? 'true' : 'false'}>
      <h2>
        <T bi={title} lang={lang} /> {locked && <Lock lang={lang} />}
      </h2>
      {children}
    </section>
  );
}

export function OptionsPage({ api }: { api: OptionsApi }) {
  const [state, setState] = useState<OptionsState | null>(null);
  const [flash, setFlash] = useState<{ kind: 'ok' | 'error'; bi: Bi } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const reload = useCallback(() => void api.load().then(setState), [api]);
  useEffect(() => {
    reload();
    api.onChanged(reload);
  }, [api, reload]);

  if (!state) return <main className="options" aria-busy="true" />;
  const { policy, user, audit } = state;
  const lang: Lang = user.language;
  const locked = new Set(policy?.ok ? policy.lockedKeys : []);
  const presetLocked = locked.has('preset');
  const ownLocked = locked.has('agencyDomains');
  const allowClear = policy?.ok ? policy.allowClearAuditLog : true;
  const managedKeys = [...locked].filter((k) => k in MANAGED_LABELS && k !== 'preset');

  const save = async (s: Partial<UserSettings>) => {
    await api.save(s);
    setFlash({ kind: 'ok', bi: O.saved });
    reload();
  };

  const onImport = async (file: File) => {
    const r = parseSettings(await file.text(), { preset: presetLocked, ownAddresses: ownLocked });
    if (!r.ok) {
      setFlash({ kind: 'error', bi: { vi: `${O.importFailed.vi}: ${r.vi}`, en: `${O.importFailed.en}: ${r.en}` } });
      return;
    }
    const s = { ...r.settings };
    const notes: Bi[] = [];
    // Permissions can only be asked for inside a click, so a restored opt-in without the grant
    // stays off instead of half-working.
    if (s.signupGuard && !(await api.hasSignupPermission())) {
      s.signupGuard = false;
      notes.push({ vi: 'bật lại cảnh báo đăng ký dịch vụ bằng tay', en: 're-enable the sign-up warning by hand' });
    }
    if (s.webmailOrigins) {
      const missing = s.webmailOrigins.filter((o) => !user.webmailOrigins.includes(o));
      delete s.webmailOrigins;
      if (missing.length) notes.push({ vi: `thêm lại hộp thư: ${missing.join(', ')}`, en: `add the webmail again: ${missing.join(', ')}` });
    }
    if (r.skipped.length) notes.push({ vi: `bỏ qua mục do cơ quan quản lý: ${r.skipped.join(', ')}`, en: `skipped fields set by your agency: ${r.skipped.join(', ')}` });
    await api.save(s);
    reload();
    setFlash({
      kind: 'ok',
      bi: { vi: O.imported.vi + (notes.length ? ` (${notes.map((n) => n.vi).join('; ')})` : ''), en: O.imported.en + (notes.length ? ` (${notes.map((n) => n.en).join('; ')})` : '') },
    });
  };

  const from = policy?.ok ? policy.source.from : 'default';
  return (
    <main className="options" lang={lang}>
      <h1>
        <T bi={O.title} lang={lang} />
      </h1>

      <section className={`in-force from-${from}`} id="in-force">
        <p>
          <strong>
            <T bi={O.inForce} lang={lang} />:
          </strong>{' '}
          <span className="preset-name" data-preset={policy?.ok ? policy.policy.preset : ''}>
            {policy?.ok ? presetName(policy.policy.preset, lang) : '—'}
          </span>{' '}
          <span className="source" data-from={from}>
            (<T bi={O.from[from]} lang={lang} />)
          </span>
        </p>
        {policy?.ok && policy.source.error_vi && (
          <div className="policy-error" role="alert" id="policy-error">
            <strong>
              <T bi={O.policyError} lang={lang} />
            </strong>
            <p>
              <T bi={{ vi: policy.source.error_vi, en: policy.source.error_en ?? '' }} lang={lang} />
            </p>
            <p className="note">
              <T bi={O.policyErrorHelp} lang={lang} />
            </p>
          </div>
        )}
        {policy && !policy.ok && (
          <div className="policy-error" role="alert">
            {policy.error}
          </div>
        )}
      </section>

      {flash && (
        <p className={flash.kind === 'ok' ? 'saved' : 'error'} role={flash.kind === 'ok' ? 'status' : 'alert'} id="flash">
          <T bi={flash.bi} lang={lang} />
        </p>
      )}

      <Section id="preset-section" title={O.preset} lang={lang} locked={presetLocked}>
        <select
          id="preset"
          disabled={presetLocked}
          value={presetLocked && policy?.ok ? policy.policy.preset : (user.preset ?? 'vn-baseline')}
          onChange={(e) => void save({ preset: e.target.value as PresetId })}
        >
          {PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {presetName(id, lang)}
            </option>
          ))}
        </select>
      </Section>

      <Section id="own-addresses" title={O.ownAddresses} lang={lang} locked={ownLocked}>
        <p className="note">
          <T bi={ownLocked ? O.ownAddressesLocked : O.ownAddressesHelp} lang={lang} />
        </p>
        <ListEditor
          id="ownAddresses"
          lang={lang}
          items={user.ownAddresses}
          disabled={ownLocked}
          placeholder="ten.donvi@coquan.gov.vn"
          validate={(v) => ({ ok: null, invalid: O.invalidAddress, public: O.publicAddress })[checkAddress(v, { agencyOnly: true })]}
          onChange={(ownAddresses) => save({ ownAddresses })}
        />
      </Section>

      <Section id="unit-mailboxes" title={O.unitMailboxes} lang={lang}>
        <p className="note">
          <T bi={O.unitMailboxesHelp} lang={lang} />
        </p>
        <ListEditor
          id="unitMailboxes"
          lang={lang}
          items={user.unitMailboxes}
          placeholder="vanthu@coquan.gov.vn"
          validate={(v) => ({ ok: null, invalid: O.invalidAddress, public: O.publicAddress })[checkAddress(v, { agencyOnly: true })]}
          onChange={(unitMailboxes) => save({ unitMailboxes })}
        />
      </Section>

      <Section id="signup-guard" title={O.signupGuard} lang={lang}>
        <label className="toggle">
          <input
            type="checkbox"
            id="signupGuard"
            checked={user.signupGuard}
            onChange={(e) => {
              const on = e.target.checked;
              if (!on) return void save({ signupGuard: false });
              // Straight from the click: the browser shows its prompt only inside a user gesture.
              void api.requestSignupPermission().then((granted) =>
                granted ? save({ signupGuard: true }) : setFlash({ kind: 'error', bi: O.permissionDenied }),
              );
            }}
          />{' '}
          <T bi={O.signupGuardHelp} lang={lang} />
        </label>
      </Section>

      <Section id="origins" title={O.origins} lang={lang}>
        <p className="note">
          <T bi={O.originsHelp} lang={lang} />
        </p>
        <OriginsEditor api={api} lang={lang} origins={user.webmailOrigins} onDone={reload} setFlash={setFlash} />
      </Section>

      <Section id="language" title={O.language} lang={lang}>
        <select id="languageSelect" value={lang} onChange={(e) => void save({ language: e.target.value as Lang })}>
          <option value="vi">Tiếng Việt</option>
          <option value="en">English</option>
        </select>
      </Section>

      <Section id="agency-policy" title={O.agencyPolicy} lang={lang} locked={managedKeys.length > 0}>
        {managedKeys.length === 0 ? (
          <p className="note">
            <T bi={O.agencyPolicyNone} lang={lang} />
          </p>
        ) : (
          <dl>
            {managedKeys.map((k) => (
              <div key={k} className="managed-row" data-key={k}>
                <dt>
                  <T bi={MANAGED_LABELS[k]} lang={lang} />
                </dt>
                <dd>{policy?.ok ? describeManaged(k, policy) : ''}</dd>
              </div>
            ))}
          </dl>
        )}
      </Section>

      <Section id="audit" title={O.audit} lang={lang}>
        <p className="note">
          <T bi={O.auditHelp} lang={lang} />
        </p>
        <p>
          <T bi={O.auditCount} lang={lang} />: <strong id="audit-count">{audit.length}</strong>
        </p>
        {audit.length === 0 ? (
          <p className="note">
            <T bi={O.auditEmpty} lang={lang} />
          </p>
        ) : (
          <table className="audit">
            <thead>
              <tr>
                {[O.colTime, O.colRules, O.colReason, O.colDomains].map((c) => (
                  <th key={c.vi}>{lang === 'en' ? c.en : c.vi}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {audit
                .slice(-20)
                .reverse()
                .map((r, i) => (
                  <tr key={r.at + i}>
                    <td>{vietnamTime(r.at)}</td>
                    <td>{r.rules.join(', ')}</td>
                    <td>{r.reason}</td>
                    <td>{(r.recipientDomains ?? []).join(', ')}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
        <div className="row">
          <button type="button" id="audit-export" disabled={!audit.length} onClick={() => api.download(auditFileName(new Date()), auditCsv(audit, lang), 'text/csv;charset=utf-8')}>
            <T bi={O.auditExport} lang={lang} />
          </button>
          <button
            type="button"
            id="audit-clear"
            disabled={!allowClear || !audit.length}
            onClick={() => {
              if (!api.confirm(`${O.auditClearConfirm.vi}\n${O.auditClearConfirm.en}`)) return;
              void api.clearAudit().then(reload);
            }}
          >
            <T bi={O.auditClear} lang={lang} />
          </button>
          {!allowClear && <Lock lang={lang} />}
        </div>
        {!allowClear && (
          <p className="note">
            <T bi={O.auditClearLocked} lang={lang} />
          </p>
        )}
      </Section>

      <Section id="backup" title={O.backup} lang={lang}>
        <p className="note">
          <T bi={O.backupHelp} lang={lang} />
        </p>
        <div className="row">
          <button type="button" id="settings-export" onClick={() => api.download('congvu-guard-cai-dat.json', exportSettings(user), 'application/json')}>
            <T bi={O.exportJson} lang={lang} />
          </button>
          <button type="button" id="settings-import" onClick={() => fileRef.current?.click()}>
            <T bi={O.importJson} lang={lang} />
          </button>
          <input
            ref={fileRef}
            id="settings-file"
            type="file"
            accept="application/json,.json"
            hidden
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void onImport(f);
            }}
          />
        </div>
      </Section>

      <p className="privacy">
        <T bi={O.privacy} lang={lang} />
      </p>
    </main>
  );
}

function describeManaged(key: string, p: Extract<PolicyResponse, { ok: true }>): string {
  const pol = p.policy;
  switch (key) {
    case 'agencyDomains':
      return pol.agencyDomains.join(', ');
    case 'publicDomains':
      return pol.publicDomains.length + '';
    case 'unitMailboxDirectory':
      return pol.unitMailboxes.directory.join(', ');
    case 'unitMailboxPatterns':
      return pol.unitMailboxes.patterns.join(', ');
    case 'attachmentLimitMB':
      return pol.attachmentLimitMB == null ? '—' : `${pol.attachmentLimitMB} MB`;
    case 'replyDeadlineWorkingDays':
      return String(pol.replyDeadlineWorkingDays);
    case 'checkTimes':
      return pol.checkTimes.join(', ');
    case 'onError':
      return pol.onError;
    case 'customMarkings':
      return pol.customMarkings.join(', ');
    case 'allowClearAuditLog':
      return p.allowClearAuditLog ? '✓' : '✗';
    case 'allowUserPreset':
      return p.lockedKeys.includes('preset') ? '✗' : '✓';
    default:
      return '✓';
  }
}

function OriginsEditor(props: { api: OptionsApi; lang: Lang; origins: string[]; onDone(): void; setFlash(f: { kind: 'error'; bi: Bi }): void }) {
  const [draft, setDraft] = useState('');
  const add = async () => {
    const pattern = originToMatchPattern(draft);
    if (!pattern) return props.setFlash({ kind: 'error', bi: O.invalidOrigin });
    const ok = await props.api.addOrigin(pattern).catch(() => false);
    if (!ok) return props.setFlash({ kind: 'error', bi: O.permissionDenied });
    setDraft('');
    props.onDone();
  };
  return (
    <div className="list-editor">
      <ul>
        {props.origins.map((o) => (
          <li key={o}>
            <code>{o}</code>{' '}
            <button type="button" className="small" onClick={() => void props.api.removeOrigin(o).then(props.onDone)}>
              <T bi={O.remove} lang={props.lang} />
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <input aria-label="webmailOrigin" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="https://mail.example.gov.vn" />
        <button type="button" onClick={() => void add()}>
          <T bi={O.add} lang={props.lang} />
        </button>
      </div>
    </div>
  );
}
