/**
 * The event handlers, built from injected dependencies so tests drive them with a mock
 * Office object and fake clocks, and the bundle entry (index.ts) wires the real ones.
 *
 * Contract with Outlook (learn.microsoft.com, "Handle OnMessageSend … with Smart Alerts"):
 * every activation must end in exactly one `event.completed(...)`. After ~5 s Outlook shows a
 * "taking longer than expected" dialog, so OnMessageSend has a watchdog that completes at
 * `totalMs` whatever is still pending, following the policy's `onError`.
 */
import type { Draft, Finding } from '../../shared/types';
import type { Policy } from '../../shared/policy';
import {
  COMPOSE_PANE_COMMAND_ID,
  INFOBAR_ICON_RESID,
  SESSION_KEYS,
  type HandlerFunctionName,
} from '../common/constants';
import { baseline, policyFromRef, type EffectivePolicy, type PolicyRef } from '../common/policy-source';
import {
  buildAlertText,
  buildErrorText,
  infobarText,
  langFromDisplayLanguage,
  type AlertKind,
  type Lang,
} from '../common/alert-text';
import {
  call,
  isSetSupported,
  type ComposeItemLike,
  type MailboxEventLike,
  type NotificationDetailsLike,
  type OfficeLike,
} from './office-api';
import {
  extractBefore,
  fetchAttachmentBytes,
  listAttachments,
  attachmentMeta,
  readCachedExtraction,
  readDraft,
  sessionGet,
  sessionSet,
  beforeDeadline,
  type CachedExtraction,
  type CoreApi,
  type KnownAttachments,
  type Clock,
} from './read-draft';
import { OVERDUE_INFOBAR_KEY, overdueInfobarText, type OverdueSummary } from '../common/overdue-summary';
import { hasOverrideReason, readOverrides } from '../common/user-choices';

export interface Budget {
  /** OnMessageSend: completed() is called by then, whatever happens (Outlook nags after 5 s). */
  totalMs: number;
  /** OnMessageSend: stop waiting for attachment bytes after this (from the start). */
  contentMs: number;
  /** OnMessageSend: stop waiting for text extraction after this (from the start). */
  extractMs: number;
  /** Change events may take longer (no user is waiting on a dialog), but not forever. */
  changeTotalMs: number;
  /** Attachments larger than this are judged by name and size only. */
  maxInspectBytes: number;
  maxInspectCount: number;
  /** Network budget for policy.json: short on send, longer on the change events. */
  policyFetchSendMs: number;
  policyFetchChangeMs: number;
  /** Cached extractions larger than this are not put in sessionData (50 000-character cap). */
  maxCachedExtractionChars: number;
}

export const DEFAULT_BUDGET: Budget = {
  totalMs: 4500,
  contentMs: 2500,
  extractMs: 3800,
  changeTotalMs: 20000,
  maxInspectBytes: 5 * 1024 * 1024,
  maxInspectCount: 8,
  policyFetchSendMs: 1000,
  policyFetchChangeMs: 4000,
  maxCachedExtractionChars: 12000,
};

export interface HandlerEnv {
  office: OfficeLike;
  core: CoreApi;
  /** Loads the policy from policy.json / cache / presets (common/policy-source.ts). */
  loadPolicy(timeoutMs: number): Promise<EffectivePolicy>;
  now(): number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  budget?: Partial<Budget>;
  /** Console-only diagnostics (no telemetry: nothing leaves the machine). */
  log?: (...args: unknown[]) => void;
  /** The task pane's unit-mailbox overdue counts (common/overdue-summary.ts), for OnNewMessageCompose. */
  overdueSummary?: () => Promise<OverdueSummary | null>;
}

export type Handlers = Record<HandlerFunctionName, (event: MailboxEventLike) => void>;

export type SendOutcome =
  | { kind: 'allow'; reason: 'clean' | 'info-only' | 'overridden' | 'confirmed' | 'no-item' | 'error-allow' }
  | { kind: 'alert'; alert: AlertKind | 'error'; options: Record<string, unknown>; findings: Finding[] };

export interface HandlerHooks {
  /** Test hook: the last OnMessageSend outcome and how long it took. */
  onSendOutcome?(outcome: SendOutcome, elapsedMs: number): void;
}

export function createHandlers(env: HandlerEnv, hooks: HandlerHooks = {}): Handlers {
  const budget: Budget = { ...DEFAULT_BUDGET, ...(env.budget || {}) };
  const clock: Clock = { now: env.now, setTimeout: env.setTimeout };
  const log = env.log || (() => undefined);
  const office = env.office;

  const lang = (): Lang => langFromDisplayLanguage(office.context.displayLanguage);

  /** Guarantees a single completed() call, and clears the watchdog when it happens. */
  function completer(event: MailboxEventLike) {
    let done = false;
    let timer: unknown;
    return {
      get done() {
        return done;
      },
      arm(ms: number, onTimeout: () => Record<string, unknown> | undefined) {
        if (!env.setTimeout) return; // no timers in this runtime: rely on Outlook's own timeout
        timer = env.setTimeout(() => {
          if (!done) finish(onTimeout());
        }, ms);
      },
      finish,
    };
    function finish(options?: Record<string, unknown>) {
      if (done) return;
      done = true;
      if (timer !== undefined && env.clearTimeout) env.clearTimeout(timer);
      try {
        if (options) event.completed(options);
        else event.completed();
      } catch (e) {
        log('completed() threw', e);
      }
    }
  }

  async function policyForItem(item: ComposeItemLike, fresh: boolean, fetchMs: number): Promise<EffectivePolicy> {
    if (!fresh) {
      const raw = await sessionGet(item, SESSION_KEYS.policy);
      if (raw) {
        try {
          return policyFromRef(JSON.parse(raw) as PolicyRef);
        } catch (e) {
          log('session policy unusable', e);
        }
      }
    }
    let eff: EffectivePolicy;
    try {
      eff = await env.loadPolicy(fetchMs);
    } catch (e) {
      log('policy load failed', e);
      eff = baseline({ code: 'unreachable', detail: e instanceof Error ? e.message : String(e) });
    }
    const ref: PolicyRef = { origin: eff.origin, source: eff.source };
    // Too big for sessionData (policies with a long directory) is fine: send reloads it.
    await sessionSet(item, SESSION_KEYS.policy, JSON.stringify(ref)).catch(() => undefined);
    return eff;
  }

  function errorOptions(policy: Policy | undefined, detail: string): Record<string, unknown> | undefined {
    const onError = policy ? policy.onError : baselineOnError();
    if (onError === 'block') return { allowEvent: false, errorMessage: buildErrorText(detail, lang()) };
    return { allowEvent: true };
  }

  // No memo here: resolvePolicy() caches presets, so baseline() is cheap after the first call.
  function baselineOnError(): 'allow' | 'block' {
    try {
      return baseline().policy.onError;
    } catch {
      return 'allow';
    }
  }

  // ---------------------------------------------------------------- OnMessageSend

  function onMessageSendHandler(event: MailboxEventLike): void {
    const start = env.now();
    const c = completer(event);
    let policy: Policy | undefined;
    const report = (o: SendOutcome) => {
      if (hooks.onSendOutcome) hooks.onSendOutcome(o, env.now() - start);
    };

    c.arm(budget.totalMs, () => {
      const options = errorOptions(policy, lang() === 'en' ? 'time limit reached' : 'quá thời gian kiểm tra');
      report(
        options && options.allowEvent === false
          ? { kind: 'alert', alert: 'error', options, findings: [] }
          : { kind: 'allow', reason: 'error-allow' },
      );
      return options;
    });

    const item = office.context.mailbox.item;
    if (!item) {
      report({ kind: 'allow', reason: 'no-item' });
      c.finish({ allowEvent: true });
      return;
    }

    runSend(item, start, (p) => (policy = p))
      .then((outcome) => {
        if (c.done) return;
        report(outcome);
        c.finish(outcome.kind === 'allow' ? { allowEvent: true } : outcome.options);
      })
      .catch((e: unknown) => {
        if (c.done) return;
        log('send check failed', e);
        const options = errorOptions(policy, e instanceof Error ? e.message : String(e));
        report(
          options && options.allowEvent === false
            ? { kind: 'alert', alert: 'error', options, findings: [] }
            : { kind: 'allow', reason: 'error-allow' },
        );
        c.finish(options);
      });
  }

  async function runSend(item: ComposeItemLike, start: number, gotPolicy: (p: Policy) => void): Promise<SendOutcome> {
    const eff = await policyForItem(item, false, budget.policyFetchSendMs);
    gotPolicy(eff.policy);
    const read = await readDraft(office, item, env.core, {
      contents: 'fetch',
      contentDeadline: start + budget.contentMs,
      maxInspectBytes: budget.maxInspectBytes,
      maxInspectCount: budget.maxInspectCount,
      clock,
    });
    const draft = await extractBefore(env.core, read.draft, read.metas, start + budget.extractMs, clock);
    const findings = env.core.evaluate(draft, eff.policy);
    return decide(item, draft, findings);
  }

  async function decide(item: ComposeItemLike, draft: Draft, findings: Finding[]): Promise<SendOutcome> {
    const stop = findings.filter((f) => f.severity === 'block' || f.severity === 'warn');
    if (!stop.length) return { kind: 'allow', reason: findings.length ? 'info-only' : 'clean' };

    const overrides = await readOverrides(item);
    const pending = stop.filter((f) => !(f.allowOverride && hasOverrideReason(overrides, f.rule)));
    if (!pending.length) return { kind: 'allow', reason: 'overridden' };

    // The engine's decide() is the one definition of a hard stop (a block the policy does
    // not let the user override, e.g. classified content) shared with the webmail hosts.
    const hard = env.core.decide(pending) === 'stop';
    // Smart Alerts has no text field, so a reason cannot be typed into the dialog. Findings
    // that want one still get "Send Anyway" (issue #4); the dialog points to the task pane,
    // where "Ghi lý do" records it in sessionData and lets the next Send through silently.
    const needReason = pending.some((f) => f.requireReason);
    const l = lang();
    const promptUser = isSetSupported(office, '1.14');
    const markdown = isSetSupported(office, '1.15');

    let kind: AlertKind;
    if (hard) kind = 'block';
    else if (promptUser) kind = needReason ? 'reason' : 'warn';
    else {
      // Before Mailbox 1.14 there is no "Send Anyway": a second Send of the very same
      // message is taken as the user's confirmation.
      const fp = fingerprint(draft, pending);
      const prev = await sessionGet(item, SESSION_KEYS.warnedFingerprint);
      if (prev === fp) return { kind: 'allow', reason: 'confirmed' };
      await sessionSet(item, SESSION_KEYS.warnedFingerprint, fp).catch(() => undefined);
      kind = 'warn-confirm';
    }

    const text = buildAlertText(pending, kind, l);
    const options: Record<string, unknown> = { allowEvent: false, errorMessage: text.plain };
    if (markdown) options.errorMessageMarkdown = text.markdown;
    if (promptUser) {
      // "Take action" / "Don't send" opens the task pane with the details and citations.
      options.commandId = COMPOSE_PANE_COMMAND_ID;
      options.cancelLabel = l === 'en' ? 'See details' : 'Xem chi tiết';
      if (kind === 'warn' || kind === 'reason') {
        const enums = office.MailboxEnums && office.MailboxEnums.SendModeOverride;
        options.sendModeOverride = (enums && enums.PromptUser) || 'promptUser';
      }
    }
    return { kind: 'alert', alert: kind, options, findings: pending };
  }

  // ---------------------------------------------------------------- change events

  function changeHandler(name: string, fresh: boolean, precompute: boolean) {
    return (event: MailboxEventLike): void => {
      const c = completer(event);
      c.arm(budget.changeTotalMs, () => undefined);
      const item = office.context.mailbox.item;
      if (!item) {
        c.finish();
        return;
      }
      const start = env.now();
      (async () => {
        // Issue #5: unit mailbox has overdue mail (QĐ 652/QĐ-BTTTT Đ12 k4) — cached counts only, no network.
        if (name === 'OnNewMessageCompose') await showOverdueInfobar(item).catch((e: unknown) => log('overdue info bar failed', e));
        const eff = await policyForItem(item, fresh, budget.policyFetchChangeMs);
        const known = precompute ? await precomputeAttachments(item, budget.maxInspectBytes, start + budget.changeTotalMs - 2000) : undefined;
        const read = await readDraft(office, item, env.core, {
          contents: 'cache-only',
          contentDeadline: start,
          maxInspectBytes: budget.maxInspectBytes,
          maxInspectCount: budget.maxInspectCount,
          clock,
          known,
        });
        const findings = env.core.evaluate(read.draft, eff.policy);
        await showInfobars(item, findings);
      })()
        .catch((e: unknown) => log(name + ' failed', e))
        .then(() => c.finish());
    };
  }

  /**
   * Extracts text of newly attached files now, so OnMessageSend finds it in sessionData.
   * Returns what it learnt (list, sessionData entries) so the info-bar read need not ask again.
   */
  async function precomputeAttachments(item: ComposeItemLike, maxInspectBytes: number, deadline: number): Promise<KnownAttachments> {
    const list = await listAttachments(item);
    const known: KnownAttachments = { list, cached: new Map() };
    for (const a of list) {
      const meta = attachmentMeta(a, maxInspectBytes);
      if (!meta.inspectable) continue;
      const hit = await readCachedExtraction(item, meta);
      known.cached.set(meta.id, hit);
      if (hit) continue;
      if (env.now() >= deadline) return known;
      try {
        const got = await beforeDeadline(fetchAttachmentBytes(item, meta), deadline, clock, null);
        if (!got) continue;
        const one: Draft = {
          to: [],
          cc: [],
          bcc: [],
          subject: '',
          bodyText: '',
          attachments: [{ name: meta.name, size: meta.size, bytes: got.bytes, ...(got.type ? { type: got.type } : {}) }],
        };
        const done = await extractBefore(env.core, one, [meta], deadline, clock);
        const extraction = done.attachments[0].extraction;
        if (!extraction) continue;
        const entry: CachedExtraction = { name: meta.name, size: meta.size, extraction };
        const json = JSON.stringify(entry);
        // A long document is re-read at send time rather than truncated here: a cut-off
        // text could hide a classification mark from the send check.
        if (json.length > budget.maxCachedExtractionChars) continue;
        // Known only once stored: the info bars must match what OnMessageSend will find.
        await sessionSet(item, SESSION_KEYS.attachmentPrefix + meta.id, json).then(
          () => known.cached.set(meta.id, extraction),
          () => undefined,
        );
      } catch (e) {
        log('precompute failed for ' + meta.name, e);
      }
    }
    return known;
  }

  /** The pane's cached overdue counts as an informational bar (read from storage, no network). */
  async function showOverdueInfobar(item: ComposeItemLike): Promise<void> {
    const nm = item.notificationMessages;
    if (!nm || !env.overdueSummary) return;
    const text = overdueInfobarText(await env.overdueSummary(), env.now(), lang());
    if (!text) return;
    const types = office.MailboxEnums && office.MailboxEnums.ItemNotificationMessageType;
    const details: NotificationDetailsLike = {
      type: (types && types.InformationalMessage) || 'informationalMessage',
      message: text,
      icon: INFOBAR_ICON_RESID,
      persistent: false,
    };
    await call<void>('notificationMessages.replaceAsync', (cb) => nm.replaceAsync(OVERDUE_INFOBAR_KEY, details, cb));
  }

  /** One info bar per rule (at most four), removed again when the problem goes away. */
  async function showInfobars(item: ComposeItemLike, findings: Finding[]): Promise<void> {
    const nm = item.notificationMessages;
    if (!nm) return;
    const l = lang();
    const byRule: Finding[] = [];
    // evaluate() returns findings block → warn → info, so the first one per rule is its worst.
    for (const f of findings) {
      if (!byRule.some((g) => g.rule === f.rule)) byRule.push(f);
    }
    const shown = byRule.slice(0, 4);
    const prevRaw = await sessionGet(item, SESSION_KEYS.notices);
    let prev: string[] = [];
    try {
      prev = prevRaw ? (JSON.parse(prevRaw) as string[]) : [];
    } catch {
      prev = [];
    }
    const types = office.MailboxEnums && office.MailboxEnums.ItemNotificationMessageType;
    const keys: string[] = [];
    for (const f of shown) {
      const key = 'cg-' + f.rule;
      keys.push(key);
      const details: NotificationDetailsLike =
        f.severity === 'block'
          ? { type: (types && types.ErrorMessage) || 'errorMessage', message: infobarText(f, l) }
          : {
              type: (types && types.InformationalMessage) || 'informationalMessage',
              message: infobarText(f, l),
              icon: INFOBAR_ICON_RESID,
              persistent: false,
            };
      await call<void>('notificationMessages.replaceAsync', (cb) => nm.replaceAsync(key, details, cb)).catch((e) =>
        log('info bar failed', e),
      );
    }
    for (const key of prev) {
      if (keys.indexOf(key) < 0) {
        await call<void>('notificationMessages.removeAsync', (cb) => nm.removeAsync(key, cb)).catch(() => undefined);
      }
    }
    await sessionSet(item, SESSION_KEYS.notices, JSON.stringify(keys)).catch(() => undefined);
  }

  return {
    onNewMessageComposeHandler: changeHandler('OnNewMessageCompose', true, true),
    onMessageRecipientsChangedHandler: changeHandler('OnMessageRecipientsChanged', false, false),
    onMessageAttachmentsChangedHandler: changeHandler('OnMessageAttachmentsChanged', false, true),
    onMessageFromChangedHandler: changeHandler('OnMessageFromChanged', false, false),
    onMessageSendHandler,
  };
}

/** FNV-1a over what the user would have to change to make the warning go away. */
export function fingerprint(draft: Draft, findings: Finding[]): string {
  const s = JSON.stringify([
    draft.from && draft.from.address,
    draft.to.map((a) => a.address),
    draft.cc.map((a) => a.address),
    draft.bcc.map((a) => a.address),
    draft.subject,
    draft.bodyText,
    draft.attachments.map((a) => [a.name, a.size]),
    findings.map((f) => f.rule),
  ]);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}
