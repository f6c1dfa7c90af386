/**
 * Toolbar popup: this tab's protection status, the policy in force and where it comes from (with
 * the policy error when the background reports one), and the unit-mailbox list (issue #5).
 */
import type { PolicyResponse, PolicySourceInfo, TabStatus } from '../../lib/messages';
import { SOURCES, isPresetId } from '../../../shared/policy';
import { S } from '../strings';
import type { PopupModel } from '../../unit-mailbox/model';
import { UnitList, type UnitListProps } from './UnitList';
import '../pages/pages.css';
import './popup.css';

const FROM: Record<string, { vi: string; en: string }> = {
  default: { vi: 'mặc định', en: 'default' },
  local: { vi: 'chọn trong Cài đặt', en: 'chosen in Settings' },
  managed: { vi: 'do quản trị viên đặt (chính sách quản lý)', en: 'set by the administrator (managed policy)' },
  remote: { vi: 'tải từ máy chủ của cơ quan', en: 'fetched from the agency server' },
};


export interface PopupProps extends Omit<UnitListProps, 'model' | 'managed'> {
  status: TabStatus | null;
  policy: PolicyResponse | null;
  unit: PopupModel;
  managed: string[];
  openOptions(): void;
}

export function Popup(p: PopupProps) {
  const { status, policy } = p;
  const state = status?.state;
  const head = state === 'active' ? S.statusActive : state === 'ready' ? S.statusReady : state === 'inactive' ? S.statusInactive : S.statusNone;
  const source: PolicySourceInfo | null = policy?.ok ? policy.source : null;
  const preset = source?.preset ?? null;
  const name = preset && isPresetId(preset) ? SOURCES[preset] : null;
  const from = source?.from ? FROM[source.from] : undefined;
  const policyName = policy?.ok ? (policy.policy as { name?: string }).name : undefined;
  return (
    <main className={`popup state-${state ?? 'none'}`}>
      <h1 className="status" role="status" data-state={state ?? 'none'}>
        {head.vi} <span className="en">{head.en}</span>
      </h1>
      {status && <p className="adapter">Webmail: {status.adapter}</p>}
      {state === 'inactive' && (
        <>
          <p>
            {S.statusInactiveHelp.vi} <span className="en">{S.statusInactiveHelp.en}</span>
          </p>
          <p className="missing">
            {S.missingSelectors.vi}: <code>{status!.missing.join(', ')}</code>
          </p>
        </>
      )}
      <h2>
        {S.activePreset.vi} <span className="en">{S.activePreset.en}</span>
      </h2>
      <p className="preset" data-preset={preset ?? ''} data-from={source?.from ?? ''}>
        {name ? name.vi : policyName ?? preset ?? '—'}
        {name && <span className="en"> {name.en}</span>}
      </p>
      {from && (
        <p className="policy-from">
          Nguồn: {from.vi} <span className="en">Source: {from.en}</span>
        </p>
      )}
      {policy && !policy.ok && (
        <p className="policy-error" role="alert">
          Lỗi chính sách: {policy.error}
        </p>
      )}
      {source && (source.error_vi || source.error_en || source.fallbackReason) && (
        <div className="policy-error" role="alert">
          {(source.error_vi || source.error_en) && (
            <p>
              {source.error_vi ?? source.error_en} {source.error_en && source.error_vi && <span className="en">{source.error_en}</span>}
            </p>
          )}
          {source.fallbackReason && (
            <p className="policy-detail">
              <code>{source.fallbackReason}</code>
            </p>
          )}
        </div>
      )}
      <UnitList {...p} model={p.unit} managed={p.managed} />
      <button type="button" onClick={p.openOptions}>
        {S.openOptions.vi} <span className="en">{S.openOptions.en}</span>
      </button>
      <p className="privacy">
        {S.privacy.vi} <span className="en">{S.privacy.en}</span>
      </p>
    </main>
  );
}
