/** Toolbar popup: is this tab protected, and which regulation is in force. */
import type { PolicyResponse, TabStatus } from '../../lib/messages';
import { SOURCES, isPresetId } from '../../../shared/policy';
import { S, type Bi } from '../strings';
import './pages.css';

function Line({ bi, className }: { bi: Bi; className?: string }) {
  return (
    <p className={className}>
      {bi.vi} <span className="en">{bi.en}</span>
    </p>
  );
}

export function Popup({ status, policy, openOptions }: { status: TabStatus | null; policy: PolicyResponse | null; openOptions(): void }) {
  const state = status?.state;
  const head = state === 'active' ? S.statusActive : state === 'ready' ? S.statusReady : state === 'inactive' ? S.statusInactive : S.statusNone;
  const preset = policy?.ok ? policy.source.preset : null;
  const source = preset && isPresetId(preset) ? SOURCES[preset] : null;
  return (
    <main className={`popup state-${state ?? 'none'}`}>
      <h1 className="status" role="status">
        {head.vi} <span className="en">{head.en}</span>
      </h1>
      {status && <p className="adapter">Webmail: {status.adapter}</p>}
      {state === 'inactive' && (
        <>
          <Line bi={S.statusInactiveHelp} />
          <p className="missing">
            {S.missingSelectors.vi}: <code>{status!.missing.join(', ')}</code>
          </p>
        </>
      )}
      <h2>
        {S.activePreset.vi} <span className="en">{S.activePreset.en}</span>
      </h2>
      <p className="preset" data-preset={preset ?? ''}>
        {source ? source.vi : policy && !policy.ok ? policy.error : '—'}
        {source && <span className="en"> {source.en}</span>}
      </p>
      <button type="button" onClick={openOptions}>
        {S.openOptions.vi} <span className="en">{S.openOptions.en}</span>
      </button>
      <Line bi={S.privacy} className="privacy" />
    </main>
  );
}
