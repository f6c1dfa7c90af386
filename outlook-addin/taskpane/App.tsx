/**
 * The task pane: findings for the open item with the regulation text behind each citation,
 * the active policy and where it came from, and (without an admin policy) a preset choice.
 * Vietnamese first, English second. Mail and policy text is rendered as text, never as HTML.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  Divider,
  Dropdown,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Spinner,
  Subtitle2,
  Text,
  Textarea,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Finding } from '../../shared/types';
import { PRESET_IDS, SOURCES } from '../../shared/policy';
import regulationTexts from 'congvu:regulations';
import { describeOrigin } from '../common/policy-source';
import type { ComposeItemLike } from '../handlers/office-api';
import { lookupCitation } from './regulation-text';
import { loadPaneModel, recordOverride, saveUserPreset, type PaneEnv, type PaneModel } from './model';
import { OverdueCard } from './OverdueCard';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '12px', padding: '12px', boxSizing: 'border-box' },
  en: { color: tokens.colorNeutralForeground3, display: 'block' },
  finding: { display: 'flex', flexDirection: 'column', rowGap: '6px' },
  head: { display: 'flex', alignItems: 'center', columnGap: '8px', flexWrap: 'wrap' },
  cite: {
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    paddingLeft: '8px',
    display: 'flex',
    flexDirection: 'column',
    rowGap: '2px',
  },
  law: { whiteSpace: 'pre-wrap', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  evidence: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
  row: { display: 'flex', columnGap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  footer: { color: tokens.colorNeutralForeground4 },
});

const SEVERITY = {
  block: { vi: 'Chặn gửi', en: 'Blocks sending', color: 'danger' as const, intent: 'error' as const },
  warn: { vi: 'Cảnh báo', en: 'Warning', color: 'warning' as const, intent: 'warning' as const },
  info: { vi: 'Lưu ý', en: 'Note', color: 'informative' as const, intent: 'info' as const },
};

function Bi({ vi, en, strong }: { vi: string; en: string; strong?: boolean }) {
  const s = useStyles();
  return (
    <span>
      <Text weight={strong ? 'semibold' : 'regular'} block>
        {vi}
      </Text>
      {en && en !== vi ? (
        <Caption1 className={s.en} lang="en">
          {en}
        </Caption1>
      ) : null}
    </span>
  );
}

export function App({ env }: { env: PaneEnv }) {
  const s = useStyles();
  const [model, setModel] = useState<PaneModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => {
    setBusy(true);
    loadPaneModel(env)
      .then((m) => {
        setModel(m);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .then(() => setBusy(false));
  }, [env]);

  useEffect(() => {
    refresh();
    // Re-check when the draft changes under the open pane (Mailbox 1.7/1.8 events).
    const item = env.office.context.mailbox.item as unknown as {
      addHandlerAsync?: (type: string, h: () => void, cb?: () => void) => void;
    } | null;
    if (item && typeof item.addHandlerAsync === 'function') {
      for (const type of ['recipientsChanged', 'attachmentsChanged', 'fromChanged']) {
        try {
          item.addHandlerAsync(type, refresh);
        } catch {
          // Older clients: the "Kiểm tra lại" button still works.
        }
      }
    }
  }, [env, refresh]);

  if (error) {
    return (
      <div className={s.root}>
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Không chạy được kiểm tra / The check could not run</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  if (!model) {
    return (
      <div className={s.root}>
        <Spinner label="Đang kiểm tra thư… / Checking the message…" />
      </div>
    );
  }

  const stop = model.findings.filter((f) => f.severity !== 'info');
  return (
    <div className={s.root} data-testid="taskpane">
      <div>
        <Title3 as="h1" block>
          Kiểm tra thư công vụ
        </Title3>
        <Caption1 className={s.en}>Official e-mail compliance check</Caption1>
      </div>

      {model.mode === 'none' ? (
        <Bi vi="Hãy mở hoặc soạn một thư để kiểm tra." en="Open or compose a message to check it." />
      ) : model.readError ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Không đọc được thư / Could not read the message</MessageBarTitle>
            {model.readError}
          </MessageBarBody>
        </MessageBar>
      ) : model.findings.length === 0 ? (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Không phát hiện vi phạm</MessageBarTitle>
            No problems found under the active policy.
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent={stop.some((f) => f.severity === 'block') ? 'error' : stop.length ? 'warning' : 'info'}>
          <MessageBarBody>
            <MessageBarTitle>
              {model.mode === 'compose' ? `Thư này có ${model.findings.length} vấn đề` : `Thư đã nhận có ${model.findings.length} vấn đề`}
            </MessageBarTitle>
            {model.mode === 'compose'
              ? `This draft has ${model.findings.length} issue(s).`
              : `This received message has ${model.findings.length} issue(s).`}
          </MessageBarBody>
        </MessageBar>
      )}

      {model.findings.map((f, i) => (
        <FindingCard
          key={f.rule + i}
          finding={f}
          compose={model.mode === 'compose'}
          item={env.office.context.mailbox.item ?? null}
          override={model.overrides[f.rule]}
          onOverride={(overrides) => setModel({ ...model, overrides })}
        />
      ))}

      <Divider />
      <PolicyCard model={model} env={env} onChanged={refresh} />
      <OverdueCard env={env} policy={model.effective.policy} />

      <div className={s.row}>
        <Button appearance="primary" onClick={refresh} disabled={busy}>
          Kiểm tra lại / Re-check
        </Button>
        {busy ? <Spinner size="tiny" /> : null}
      </div>
      <Caption1 className={s.footer}>congvu-guard · {typeof __ADDIN_BUILD__ !== 'undefined' ? __ADDIN_BUILD__ : 'dev'}</Caption1>
    </div>
  );
}

function FindingCard(props: {
  finding: Finding;
  compose: boolean;
  item: ComposeItemLike | null;
  override?: { reason: string; at: string };
  onOverride(next: PaneModel['overrides']): void;
}) {
  const s = useStyles();
  const f = props.finding;
  const sev = SEVERITY[f.severity];
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const save = () => {
    if (!props.item || !reason.trim()) return;
    setSaving(true);
    recordOverride(props.item, f.rule, reason)
      .then((next) => {
        props.onOverride(next);
        setSaveError(null);
      })
      .catch((e: unknown) => setSaveError(e instanceof Error ? e.message : String(e)))
      .then(() => setSaving(false));
  };

  return (
    <Card className={s.finding} data-rule={f.rule} data-severity={f.severity}>
      <div className={s.head}>
        <Badge appearance="filled" color={sev.color}>
          {sev.vi}
        </Badge>
        <Caption1 className={s.en}>{sev.en}</Caption1>
        <Caption1>{f.rule}</Caption1>
      </div>
      <Bi vi={f.message} en={f.messageEn} strong />
      {f.citations.map((c) => {
        const law = lookupCitation(c, regulationTexts);
        return (
          <div className={s.cite} key={c}>
            <Subtitle2>{c}</Subtitle2>
            {law ? (
              <>
                <Caption1>{law.heading}</Caption1>
                <Text className={s.law}>{law.text}</Text>
              </>
            ) : null}
          </div>
        );
      })}
      {f.evidence.length ? (
        <div>
          <Caption1>Bằng chứng / Evidence</Caption1>
          {f.evidence.slice(0, 5).map((e, i) => (
            <div key={i} className={s.evidence}>
              [{e.where}] {e.excerpt}
            </div>
          ))}
        </div>
      ) : null}
      {props.compose && f.severity !== 'info' && f.allowOverride && f.requireReason ? (
        props.override ? (
          <Bi vi={`Đã ghi lý do: ${props.override.reason}`} en="Reason recorded; Send will go through." />
        ) : (
          <div className={s.finding}>
            <Bi vi="Muốn vẫn gửi? Ghi lý do (bắt buộc):" en="Send anyway? A reason is required:" />
            <Textarea value={reason} onChange={(_, d) => setReason(d.value)} resize="vertical" />
            <div className={s.row}>
              <Button onClick={save} disabled={saving || !reason.trim()}>
                Ghi lý do / Record reason
              </Button>
              {saveError ? <Caption1>{saveError}</Caption1> : null}
            </div>
          </div>
        )
      ) : null}
    </Card>
  );
}

function PolicyCard({ model, env, onChanged }: { model: PaneModel; env: PaneEnv; onChanged(): void }) {
  const s = useStyles();
  const origin = describeOrigin(model.effective.origin);
  const policy = model.effective.policy;
  const problem = 'problem' in model.effective.origin ? model.effective.origin.problem : undefined;
  const [saveError, setSaveError] = useState<string | null>(null);
  const fallback = model.effective.origin.kind === 'last-good' || (model.effective.origin.kind === 'baseline' && !!problem);

  return (
    <Card className={s.finding} data-testid="policy">
      <Subtitle2>Chính sách đang áp dụng / Active policy</Subtitle2>
      <Body1>
        <b>{policy.name}</b> ({policy.preset}) — {SOURCES[policy.preset].vi}
      </Body1>
      {fallback ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>{origin.vi}</MessageBarTitle>
            {origin.en}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Bi vi={origin.vi} en={origin.en} />
      )}
      {problem && problem.issues && problem.issues.length ? (
        <ul>
          {problem.issues.slice(0, 10).map((i, n) => (
            <li key={n}>
              <Caption1>
                {i.path}: {i.message_vi} / {i.message_en}
              </Caption1>
            </li>
          ))}
        </ul>
      ) : null}
      {model.canChoosePreset ? (
        <div className={s.finding}>
          <Bi vi="Cơ quan chưa cấu hình chính sách. Chọn quy chế áp dụng cho bạn:" en="No agency policy. Choose the regulation that applies to you:" />
          <Dropdown
            aria-label="Preset"
            value={model.userPreset ? labelOf(model.userPreset) : labelOf('vn-baseline')}
            selectedOptions={[model.userPreset ?? 'vn-baseline']}
            onOptionSelect={(_, d) => {
              if (!d.optionValue) return;
              saveUserPreset(env.office, d.optionValue)
                .then(() => {
                  setSaveError(null);
                  onChanged();
                })
                .catch((e: unknown) => setSaveError(e instanceof Error ? e.message : String(e)));
            }}
          >
            {PRESET_IDS.map((p) => (
              <Option key={p} value={p} text={labelOf(p)}>
                {labelOf(p)}
              </Option>
            ))}
          </Dropdown>
          {saveError ? <Caption1>{saveError}</Caption1> : null}
        </div>
      ) : null}
    </Card>
  );
}

function labelOf(preset: string): string {
  const src = SOURCES[preset as keyof typeof SOURCES];
  return src ? `${src.issuer_vi} — ${src.vi}` : preset;
}
