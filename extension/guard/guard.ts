/**
 * The send guard shared by every webmail adapter (DESIGN.md "Hosts, thin").
 *
 * It sees a Send attempt through three doors and answers each synchronously with allow/block:
 *  - capture-phase pointer/mouse/click listeners on `window` (the button path),
 *  - a capture-phase keydown listener (Ctrl/Cmd+Enter, Alt+S: whatever the adapter calls a
 *    send shortcut),
 *  - the webmail's own pre-send hook, when the adapter has one (Roundcube `beforesend`).
 *
 * Why window + capture + stopImmediatePropagation: Roundcube's Send handler is an `onclick`
 * attribute on the button itself, so it runs in the target phase; `preventDefault()` alone does
 * not stop it (../shared/E2E-NOTES.md). A window capture listener runs before any listener on
 * the button, and stopImmediatePropagation keeps the event from ever reaching it.
 *
 * Why synchronous: a clean mail must go with no dialog and no delay a person could notice. The
 * engine's evaluate() is synchronous and attachment text was extracted at attach time, so the
 * clean path simply lets the original event continue — nothing is re-dispatched. Only when the
 * draft cannot be decided yet (attachment text still being extracted, policy still loading) the
 * event is blocked, the user sees "Đang kiểm tra…", and the guard re-triggers Send itself.
 *
 * Send exactly once: after "Vẫn gửi" (or a deferred clean result) the guard calls
 * adapter.triggerSend() once, from a state that a second click on the button cannot reach
 * (generation counter), and lets the re-triggered send through with a short-lived token bound
 * to the draft's fingerprint.
 */
import type { Draft, Finding, Fix } from '../../shared/types';
import type { Policy } from '../../shared/policy';
import type { WebmailAdapter } from '../adapters/types';
import { fingerprint } from './fingerprint';

/** Distinct, sorted recipient domains of a draft (the audit log keeps nothing more of them). */
export function recipientDomainsOf(d: Pick<Draft, 'to' | 'cc' | 'bcc'>): string[] {
  const out = new Set<string>();
  for (const a of [...(d.to ?? []), ...(d.cc ?? []), ...(d.bcc ?? [])]) {
    const addr = (typeof a === 'string' ? a : a?.address ?? '').trim();
    const at = addr.lastIndexOf('@');
    if (at > 0 && at < addr.length - 1) out.add(addr.slice(at + 1).replace(/>$/, '').toLowerCase());
  }
  return [...out].sort();
}

export type SendSource = 'pointerdown' | 'mousedown' | 'pointerup' | 'mouseup' | 'click' | 'key' | 'hook';
export type Verdict = 'allow' | 'block';

/** Why the check itself could not run (issue #3 item 5). */
export type FailureReason = 'unreadable' | 'engine' | 'no-policy' | 'timeout';

export type DialogModel =
  | { kind: 'checking' }
  | {
      kind: 'findings';
      findings: Finding[];
      /** "Vẫn gửi" is offered only if every non-info finding allows override. */
      canOverride: boolean;
      /** The policy wants a written reason for "Vẫn gửi". */
      requireReason: boolean;
      /** "Chuyển sang Unicode" (legacy-encoding finding with a fix). */
      fix: Fix | null;
      /**
       * Why the adapter's read of the page may be incomplete (adapter.read().issues, Vietnamese).
       * When present, blocking findings were downgraded to warnings: a low-confidence read
       * must never block without saying why.
       */
      notes?: string[];
    }
  | { kind: 'failure'; reason: FailureReason; detail: string };

export interface DialogActions {
  back(): void;
  sendAnyway(reason: string): void;
  convert(): void;
}

export type ToastModel =
  | { kind: 'check-failed-sent'; reason: FailureReason; detail: string }
  | { kind: 'converted' }
  | { kind: 'attachment'; findings: Finding[] }
  | { kind: 'info'; findings: Finding[] };

export interface GuardUi {
  showDialog(model: DialogModel, actions: DialogActions): void;
  closeDialog(): void;
  toast(model: ToastModel): void;
  /** Does this event come from inside our own UI (the shadow host)? Those are never Send. */
  owns(ev: Event): boolean;
}

export interface PolicySource {
  /** The policy in force, or undefined while it is still loading / unavailable. */
  current(): Policy | undefined;
  /** Resolves once a policy is available (or undefined if it cannot be had). */
  ready(): Promise<Policy | undefined>;
}

export interface AttachmentSource {
  /** Merge bytes and extracted text of files captured in this tab into the page's list. */
  enrich(draft: Draft): Draft;
  /** Resolves when every attachment of `draft` still being extracted is done; null if none. */
  pending(draft: Draft): Promise<void> | null;
}

/**
 * One "Vẫn gửi" in the local audit log (exported as CSV for the periodic report, Cần Thơ Đ15,
 * Phụ lục II). Recipients' DOMAINS only — never addresses, subject or body: the log must not
 * become a copy of the mail.
 */
export interface OverrideRecord {
  at: string;
  adapter: string;
  preset: string;
  rules: string[];
  reason: string;
  /** Distinct recipient domains (To, Cc, Bcc), lower case; absent in records from before issue #6. */
  recipientDomains?: string[];
}

export interface GuardDeps {
  win: Window;
  doc: Document;
  adapter: WebmailAdapter;
  policy: PolicySource;
  evaluate(draft: Draft, policy: Policy): Finding[];
  ui: GuardUi;
  attachments?: AttachmentSource;
  /** "Chuyển sang Unicode": converts one string from the legacy encoding. */
  convert?(text: string, encoding: Fix['encoding']): string;
  /** Local audit log of "Vẫn gửi" (chrome.storage.local; never sent anywhere). */
  logOverride?(record: OverrideRecord): void;
  now?(): number;
  /** Upper bound for "Đang kiểm tra…" before the check counts as failed. */
  deferTimeoutMs?: number;
  /** How long a held Send waits silently before "Đang kiểm tra…" appears. */
  checkingDelayMs?: number;
}

/** How long a decision made for one gesture covers the follow-up events of that gesture. */
export const DECISION_TTL_MS = 1500;
export const DEFAULT_DEFER_TIMEOUT_MS = 30_000;
export const CHECKING_SHOW_DELAY_MS = 700;
/** "Vẫn gửi" with a required reason: at least this many non-space characters. */
export const MIN_REASON_LENGTH = 5;

type Assessment =
  | { kind: 'clean'; fp: string; info: Finding[]; failed?: Finding }
  | { kind: 'findings'; fp: string; findings: Finding[]; notes: string[] }
  | { kind: 'pending'; wait: Promise<unknown> }
  | { kind: 'failure'; fp: string; reason: FailureReason; detail: string };

type State = 'idle' | 'dialog';

const POINTER_EVENTS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'] as const;

export class Guard {
  private state: State = 'idle';
  /** Bumped whenever a dialog opens or closes: stale callbacks compare and give up. */
  private gen = 0;
  private allowToken: { fp: string; until: number } | null = null;
  /** The last definite result, so the 5 events of one click evaluate the draft once. */
  private memo: { fp: string; policy: Policy; until: number; a: Assessment } | null = null;
  private current: Extract<DialogModel, { kind: 'findings' }> | null = null;
  private focusBefore: Element | null = null;
  private readonly now: () => number;
  private readonly cleanups: (() => void)[] = [];
  /** Counters for tests and the popup. */
  readonly stats = { checks: 0, blocked: 0, allowed: 0, triggered: 0 };

  constructor(private readonly deps: GuardDeps) {
    this.now = deps.now ?? (() => Date.now());
  }

  get adapter(): WebmailAdapter {
    return this.deps.adapter;
  }

  get dialogOpen(): boolean {
    return this.state !== 'idle';
  }

  /** Install the capture listeners on a window (the top page, or a same-origin editor iframe). */
  listen(win: Window = this.deps.win): () => void {
    const onPointer = (ev: Event) => this.onPointer(ev as MouseEvent);
    const onKey = (ev: Event) => this.onKey(ev as KeyboardEvent);
    for (const type of POINTER_EVENTS) win.addEventListener(type, onPointer, true);
    win.addEventListener('keydown', onKey, true);
    const off = () => {
      for (const type of POINTER_EVENTS) win.removeEventListener(type, onPointer, true);
      win.removeEventListener('keydown', onKey, true);
    };
    this.cleanups.push(off);
    return off;
  }

  /** Key guard only, for same-origin editor documents (adapter.keyDocuments). */
  listenKeys(win: Window): () => void {
    const onKey = (ev: Event) => this.onKey(ev as KeyboardEvent);
    win.addEventListener('keydown', onKey, true);
    const off = () => win.removeEventListener('keydown', onKey, true);
    this.cleanups.push(off);
    return off;
  }

  dispose(): void {
    for (const off of this.cleanups.splice(0)) off();
  }

  private onPointer(ev: MouseEvent): void {
    if (this.deps.ui.owns(ev)) return;
    // Only the primary button activates Send; a right-click opens a context menu.
    if (ev.type !== 'click' && ev.button !== 0) return;
    const { adapter, doc } = this.deps;
    if (!adapter.isSendControl(ev.target, doc)) return;
    const type = ev.type as SendSource;
    // The dialog opens on the event that makes the app act (click; mouseup for Zimbra's
    // DwtButton). The earlier events of the same gesture are decided — and cancelled when the
    // mail must not go — without UI: a dialog popping up under a still-pressed mouse button
    // would take the release, and a press dragged off the button must not open it at all.
    const opens = type === 'click' || (type === 'mouseup' && adapter.sendActivation === 'mouseup');
    const verdict = opens ? this.check(type) : this.peek();
    if (verdict === 'block') {
      // Not preventDefault on pointerdown: that would suppress the compatibility mouse events
      // (mousedown/mouseup) that mouseup-activated apps and our own gesture tracking rely on.
      if (type !== 'pointerdown') ev.preventDefault();
      ev.stopImmediatePropagation();
    }
  }

  /** Decide without showing anything (press/release before the activating event). */
  private peek(): Verdict {
    if (this.state !== 'idle') return 'block';
    const a = this.assess();
    // No token here: the activating event re-checks, so its toasts (info, check failed) show.
    if (a.kind === 'clean') return 'allow';
    if (a.kind === 'failure' && (this.deps.policy.current()?.onError ?? 'block') === 'allow') return 'allow';
    return 'block';
  }

  private onKey(ev: KeyboardEvent): void {
    // Vietnamese Telex/VNI input methods compose a letter over several key events; an Enter
    // that ends a composition must never count as Send (keyCode 229 = "IME is processing").
    if (ev.isComposing || ev.keyCode === 229) return;
    if (this.deps.ui.owns(ev)) return;
    const { adapter, doc } = this.deps;
    if (!adapter.isSendShortcut(ev)) return;
    if (!adapter.isComposeOpen(doc)) return;
    this.apply(ev, this.check('key'));
  }

  private apply(ev: Event, verdict: Verdict): void {
    if (verdict === 'block') {
      ev.preventDefault();
      ev.stopImmediatePropagation();
    }
  }

  /**
   * One Send attempt from any door. Synchronous: the caller cancels the event on 'block'.
   * Public: the webmail's own pre-send hook (AdapterEntry.connectHook, e.g. Roundcube's
   * beforesend) calls it with source 'hook'.
   */
  check(source: SendSource): Verdict {
    this.stats.checks++;
    // A dialog is up (or we are mid-way through re-triggering): swallow further attempts so a
    // double click or Enter+click cannot slip a second send past the first decision.
    if (this.state !== 'idle') return this.block();
    const a = this.assess();
    switch (a.kind) {
      case 'clean':
        this.allowToken = { fp: a.fp, until: this.now() + DECISION_TTL_MS };
        if (a.failed) this.deps.ui.toast({ kind: 'check-failed-sent', reason: 'engine', detail: a.failed.messageEn });
        else if (a.info.length && source !== 'hook') this.deps.ui.toast({ kind: 'info', findings: a.info });
        return this.allow();
      case 'findings':
        this.openFindings(a.findings, a.notes);
        return this.block();
      case 'pending':
        this.openChecking(a.wait);
        return this.block();
      case 'failure':
        return this.failure(a);
    }
  }

  private allow(): Verdict {
    this.stats.allowed++;
    return 'allow';
  }

  private block(): Verdict {
    this.stats.blocked++;
    return 'block';
  }

  /** Read the page and run the engine. Never throws. */
  private assess(opts: { ignorePending?: boolean } = {}): Assessment {
    const { adapter, doc, evaluate, attachments } = this.deps;
    const policy = this.deps.policy.current();
    // One read of the form per check: the draft and the reasons it may be incomplete together.
    let draft: Draft | null;
    let issues: string[] = [];
    let readError = '';
    try {
      const read = adapter.read(doc);
      draft = read?.draft ?? null;
      issues = read?.issues ?? [];
    } catch (e) {
      draft = null;
      readError = errorText(e);
    }
    const fp = draft ? fingerprint(draft) : 'unreadable';
    const token = this.allowToken;
    if (token && token.fp === fp && this.now() <= token.until) return { kind: 'clean', fp, info: [] };
    if (!draft) {
      return { kind: 'failure', fp, reason: 'unreadable', detail: readError || `${adapter.id}: no compose form found` };
    }
    if (!policy) {
      if (opts.ignorePending) return { kind: 'failure', fp, reason: 'no-policy', detail: 'policy unavailable' };
      return { kind: 'pending', wait: this.deps.policy.ready() };
    }
    let full = draft;
    if (attachments) {
      try {
        full = attachments.enrich(draft);
        const wait = opts.ignorePending ? null : attachments.pending(full);
        if (wait) return { kind: 'pending', wait };
      } catch (e) {
        return { kind: 'failure', fp, reason: 'unreadable', detail: `attachments: ${errorText(e)}` };
      }
    }
    const memo = this.memo;
    if (memo && memo.fp === fp && memo.policy === policy && this.now() <= memo.until) return memo.a;
    let findings: Finding[];
    try {
      findings = evaluate(full, policy);
    } catch (e) {
      return { kind: 'failure', fp, reason: 'engine', detail: errorText(e) };
    }
    const a = this.classify(fp, policy, findings, issues);
    this.memo = { fp, policy, until: this.now() + DECISION_TTL_MS, a };
    return a;
  }

  private classify(fp: string, policy: Policy, input: Finding[], notes: string[]): Assessment {
    let findings = input;
    if (notes.length) {
      findings = findings.map((f): Finding => (f.severity === 'block' ? { ...f, severity: 'warn', allowOverride: true } : f));
    }
    const actionable = findings.filter((f) => f.severity !== 'info');
    const info = findings.filter((f) => f.severity === 'info');
    if (!actionable.length) return { kind: 'clean', fp, info };
    // A rule that crashed inside the engine becomes a `check-failed` finding. With onError
    // 'allow' the policy says: send, but tell the user (never silently).
    const onlyFailed = actionable.every((f) => f.rule === 'check-failed');
    if (onlyFailed && policy.onError === 'allow') return { kind: 'clean', fp, info, failed: actionable[0] };
    return { kind: 'findings', fp, findings, notes };
  }

  /** The check could not run: follow the policy's onError (default: block). */
  private failure(a: Extract<Assessment, { kind: 'failure' }>): Verdict {
    const onError = this.deps.policy.current()?.onError ?? 'block';
    if (onError === 'allow') {
      this.allowToken = { fp: a.fp, until: this.now() + DECISION_TTL_MS };
      this.deps.ui.toast({ kind: 'check-failed-sent', reason: a.reason, detail: a.detail });
      return this.allow();
    }
    this.open({ kind: 'failure', reason: a.reason, detail: a.detail });
    return this.block();
  }

  private open(model: DialogModel, opts: { showAfterMs?: number } = {}): number {
    if (this.state === 'idle') this.focusBefore = this.deps.doc.activeElement;
    this.state = 'dialog';
    const gen = ++this.gen;
    this.current = model.kind === 'findings' ? model : null;
    const show = () => {
      if (gen !== this.gen || this.state !== 'dialog') return; // answered (or abandoned) meanwhile
      this.deps.ui.showDialog(model, {
        back: () => this.back(gen),
        sendAnyway: (reason) => this.sendAnyway(gen, reason),
        convert: () => this.convert(gen),
      });
    };
    if (opts.showAfterMs) setTimeout(show, opts.showAfterMs);
    else show();
    return gen;
  }

  private openFindings(findings: Finding[], notes: string[] = []): void {
    const stopping = findings.filter((f) => f.severity !== 'info');
    const canOverride = stopping.every((f) => f.allowOverride);
    const requireReason = canOverride && stopping.some((f) => f.requireReason);
    const fix = findings.find((f) => f.rule === 'legacy-encoding' && f.fix)?.fix ?? null;
    this.open({
      kind: 'findings',
      findings,
      canOverride,
      requireReason,
      fix: this.deps.convert ? fix : null,
      ...(notes.length ? { notes } : {}),
    });
  }

  private openChecking(wait: Promise<unknown>): void {
    // Hold the send silently at first: the policy (service worker waking up) or an attachment's
    // text usually arrives within a few hundred ms, and a dialog that flashes up on clean mail
    // is noise. Sending stays blocked meanwhile (state 'dialog'), so nothing can slip through.
    const gen = this.open({ kind: 'checking' }, { showAfterMs: this.deps.checkingDelayMs ?? CHECKING_SHOW_DELAY_MS });
    const timeoutMs = this.deps.deferTimeoutMs ?? DEFAULT_DEFER_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    void Promise.race([wait.then(() => 'done' as const, () => 'done' as const), timeout]).then((how) => {
      clearTimeout(timer);
      if (gen !== this.gen || this.state !== 'dialog') return; // the user went back meanwhile
      let a = this.assess({ ignorePending: true });
      // Timed out and nothing definite to show: the content was not fully inspected, so this is
      // a failed check, not a clean one.
      if (how === 'timeout' && a.kind !== 'findings') {
        a = { kind: 'failure', fp: 'timeout', reason: 'timeout', detail: `no result after ${timeoutMs} ms` };
      }
      switch (a.kind) {
        case 'clean':
          this.close();
          if (a.failed) this.deps.ui.toast({ kind: 'check-failed-sent', reason: 'engine', detail: a.failed.messageEn });
          this.resend();
          return;
        case 'findings':
          this.openFindings(a.findings, a.notes);
          return;
        case 'failure': {
          const onError = this.deps.policy.current()?.onError ?? 'block';
          if (onError === 'allow') {
            this.close();
            this.deps.ui.toast({ kind: 'check-failed-sent', reason: a.reason, detail: a.detail });
            this.resend();
          } else {
            this.open({ kind: 'failure', reason: a.reason, detail: a.detail });
          }
          return;
        }
        case 'pending': // unreachable with ignorePending
          return;
      }
    });
  }

  private close(): void {
    this.state = 'idle';
    this.gen++;
    this.current = null;
    this.deps.ui.closeDialog();
  }

  /** "Quay lại sửa": close, put focus back, leave the draft exactly as it was. */
  private back(gen: number): void {
    if (gen !== this.gen || this.state !== 'dialog') return;
    this.close();
    const el = this.focusBefore as HTMLElement | null;
    this.focusBefore = null;
    if (el && typeof el.focus === 'function' && el.isConnected) el.focus();
  }

  /** "Vẫn gửi". Runs at most once per dialog: the generation check drops repeats. */
  private sendAnyway(gen: number, reason: string): void {
    if (gen !== this.gen || this.state !== 'dialog') return;
    const model = this.current;
    if (!model || !model.canOverride) return;
    const why = reason.trim();
    if (model.requireReason && why.replace(/\s+/g, '').length < MIN_REASON_LENGTH) return;
    const policy = this.deps.policy.current();
    let recipientDomains: string[] = [];
    try {
      const d = this.deps.adapter.readDraft(this.deps.doc);
      if (d) recipientDomains = recipientDomainsOf(d);
    } catch {
      /* unreadable page: log without domains rather than not at all */
    }
    this.deps.logOverride?.({
      at: new Date(this.now()).toISOString(),
      adapter: this.deps.adapter.id,
      preset: policy?.preset ?? '',
      rules: [...new Set(model.findings.filter((f) => f.severity !== 'info').map((f) => f.rule))],
      reason: why,
      recipientDomains,
    });
    this.close();
    this.resend();
  }

  /**
   * Re-trigger Send exactly once. The token lets the re-triggered attempt (which comes back
   * through the click guard and/or the webmail hook) pass without a second dialog.
   */
  private resend(): void {
    const { adapter, doc } = this.deps;
    let fp = 'unreadable';
    try {
      const d = adapter.readDraft(doc);
      if (d) fp = fingerprint(d);
    } catch {
      /* keep 'unreadable': matches what assess() computes for the same page */
    }
    this.allowToken = { fp, until: this.now() + DECISION_TTL_MS };
    this.stats.triggered++;
    adapter.triggerSend(doc);
  }

  /** "Chuyển sang Unicode": rewrite subject and body in place, then check again. */
  private convert(gen: number): void {
    if (gen !== this.gen || this.state !== 'dialog') return;
    const fix = this.current?.fix;
    const convert = this.deps.convert;
    if (!fix || !convert) return;
    const { adapter, doc } = this.deps;
    // Convert only the fields the finding points at: running the legacy table over text that
    // already is Unicode would garble it ("Thông báo" -> "Thụng bỏo").
    const where = new Set(
      (this.current?.findings ?? []).filter((f) => f.rule === 'legacy-encoding').flatMap((f) => f.evidence.map((e) => e.where)),
    );
    try {
      const draft = adapter.readDraft(doc);
      if (!draft) throw new Error('no compose form');
      const conv = (s: string) => convert(s, fix.encoding);
      const subject = where.has('subject') ? conv(draft.subject) : draft.subject;
      adapter.writeSubjectBody(doc, subject, where.has('body') ? conv : (s) => s);
    } catch (e) {
      this.open({ kind: 'failure', reason: 'unreadable', detail: `convert: ${errorText(e)}` });
      return;
    }
    const a = this.assess({ ignorePending: true });
    if (a.kind === 'findings') {
      this.openFindings(a.findings, a.notes);
      return;
    }
    if (a.kind === 'failure') {
      this.open({ kind: 'failure', reason: a.reason, detail: a.detail });
      return;
    }
    // Clean now. Back to the draft so the user sees the converted text before sending it.
    this.back(this.gen);
    this.deps.ui.toast({ kind: 'converted' });
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
