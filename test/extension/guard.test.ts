// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Guard, DECISION_TTL_MS, type AttachmentSource, type GuardDeps } from '../../extension/guard/guard';
import { POLICY, RecordingUi, click, finding, key, makeAdapter, makePage, staticPolicy, stubEvaluate } from './helpers';
import type { Policy } from '../../shared/policy';

let guard: Guard | null = null;

function setup(over: Partial<GuardDeps> = {}) {
  const page = makePage(document);
  const ui = new RecordingUi();
  const adapter = makeAdapter();
  let now = 1_000_000;
  const deps: GuardDeps = {
    win: window,
    doc: document,
    adapter,
    policy: staticPolicy(),
    evaluate: (d) => stubEvaluate(d),
    ui,
    convert: (s) => s.replace('Céng hoµ', 'Cộng hòa'),
    now: () => now,
    // Show "checking" at once unless a test is about the silent hold (see below).
    checkingDelayMs: 0,
    ...over,
  };
  guard = new Guard(deps);
  guard.listen(window);
  return { ...page, ui, adapter: deps.adapter as typeof adapter, deps, advance: (ms: number) => (now += ms) };
}

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => {
  guard?.dispose();
  guard = null;
  vi.useRealTimers();
});

describe('clean mail', () => {
  it('goes out with the original click: no dialog, no re-trigger, sent once', () => {
    const { sent, send, ui, adapter } = setup();
    click(send);
    expect(sent).toEqual(['Báo cáo tuần']);
    expect(ui.dialogs).toHaveLength(0);
    expect(adapter.triggered).toBe(0);
  });

  it('evaluates one gesture once and lets the webmail hook through on the same decision', () => {
    const evaluate = vi.fn(stubEvaluate);
    const { send } = setup({ evaluate });
    click(send);
    expect(guard!.check('hook')).toBe('allow');
    expect(evaluate).toHaveBeenCalledTimes(1);
  });

  it('ignores clicks on other controls', () => {
    const evaluate = vi.fn(stubEvaluate);
    setup({ evaluate });
    click(document.getElementById('other')!);
    expect(evaluate).not.toHaveBeenCalled();
  });
});

describe('blocked mail', () => {
  it('stops the button handler (stopImmediatePropagation at window capture) and shows the dialog', () => {
    const { sent, send, subject, ui } = setup();
    subject.value = 'TUYỆT MẬT: kế hoạch';
    click(send);
    expect(sent).toEqual([]);
    expect(ui.dialogs).toHaveLength(1);
    expect(ui.last).toMatchObject({ kind: 'findings', canOverride: false });
  });

  it('"Quay lại sửa" closes the dialog and leaves the draft untouched', () => {
    const { send, subject, body, ui } = setup();
    subject.value = 'TUYỆT MẬT: kế hoạch';
    click(send);
    ui.actions!.back();
    expect(ui.open).toBe(false);
    expect(subject.value).toBe('TUYỆT MẬT: kế hoạch');
    expect(body.value).toBe('Kính gửi anh chị');
    expect(guard!.dialogOpen).toBe(false);
  });

  it('offers no "Vẫn gửi" for a block without override, and ignores a forced call', () => {
    const { send, subject, ui, adapter, sent } = setup();
    subject.value = 'TUYỆT MẬT';
    click(send);
    ui.actions!.sendAnyway('vì sao cũng được');
    expect(adapter.triggered).toBe(0);
    expect(sent).toEqual([]);
  });

  it('a second click while the dialog is open is swallowed (no second dialog, no send)', () => {
    const { send, subject, ui, sent } = setup();
    subject.value = 'TUYỆT MẬT';
    click(send);
    click(send);
    expect(ui.dialogs).toHaveLength(1);
    expect(sent).toEqual([]);
  });
});

describe('"Vẫn gửi" sends exactly once', () => {
  it('re-triggers Send once; the re-triggered click passes the guard; repeats are ignored', () => {
    const evaluate = vi.fn((d) => [finding({ rule: 'attachment-too-large', severity: 'warn', allowOverride: true }), ...stubEvaluate(d)]);
    const { send, ui, adapter, sent } = setup({ evaluate });
    click(send);
    expect(sent).toEqual([]);
    const actions = ui.actions!;
    actions.sendAnyway('');
    actions.sendAnyway('');
    expect(adapter.triggered).toBe(1);
    expect(sent).toEqual(['Báo cáo tuần']);
    expect(ui.open).toBe(false);
  });

  it('requires a reason when the policy says so', () => {
    const log = vi.fn();
    const { send, subject, ui, adapter, sent } = setup({ logOverride: log });
    subject.value = 'QUÁ CỠ';
    click(send);
    expect(ui.last).toMatchObject({ kind: 'findings', canOverride: true, requireReason: true });
    ui.actions!.sendAnyway('  ');
    expect(adapter.triggered).toBe(0);
    ui.actions!.sendAnyway('Hồ sơ dự án cần gửi gấp');
    expect(adapter.triggered).toBe(1);
    expect(sent).toEqual(['QUÁ CỠ']);
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ rules: ['attachment-too-large'], reason: 'Hồ sơ dự án cần gửi gấp', preset: 'quangngai' }));
  });

  it('the token expires: a later send of the same draft is checked again', () => {
    const { send, subject, ui, advance } = setup();
    subject.value = 'QUÁ CỠ';
    click(send);
    ui.actions!.sendAnyway('Hồ sơ dự án cần gửi gấp');
    advance(DECISION_TTL_MS + 1);
    click(send);
    expect(ui.dialogs).toHaveLength(2);
  });
});

describe('keyboard', () => {
  it('Ctrl+Enter is a send attempt: blocked with a dialog', () => {
    const { body, subject, ui } = setup();
    subject.value = 'TUYỆT MẬT';
    const ev = key(body, { key: 'Enter', ctrlKey: true });
    expect(ev.defaultPrevented).toBe(true);
    expect(ui.dialogs).toHaveLength(1);
  });

  it('skips key events while an input method is composing (Telex/VNI)', () => {
    const evaluate = vi.fn(stubEvaluate);
    const { body, subject, ui } = setup({ evaluate });
    subject.value = 'TUYỆT MẬT';
    const composing = key(body, { key: 'Enter', ctrlKey: true, isComposing: true });
    const ime = key(body, { key: 'Enter', ctrlKey: true, keyCode: 229 });
    expect(composing.defaultPrevented).toBe(false);
    expect(ime.defaultPrevented).toBe(false);
    expect(evaluate).not.toHaveBeenCalled();
    expect(ui.dialogs).toHaveLength(0);
  });

  it('plain Enter is not Send', () => {
    const evaluate = vi.fn(stubEvaluate);
    const { body } = setup({ evaluate });
    key(body, { key: 'Enter' });
    expect(evaluate).not.toHaveBeenCalled();
  });
});

describe('onError', () => {
  const throwing = () => {
    throw new Error('boom');
  };

  it("'block': the engine throws → stopped, failure dialog, nothing sent", () => {
    const { send, ui, sent } = setup({ evaluate: throwing });
    click(send);
    expect(sent).toEqual([]);
    expect(ui.last).toMatchObject({ kind: 'failure', reason: 'engine' });
    expect((ui.last as { detail: string }).detail).toContain('boom');
  });

  it("'allow': the engine throws → sent, and a toast says the check failed", () => {
    const policy = { ...POLICY, onError: 'allow' } as Policy;
    const { send, ui, sent } = setup({ evaluate: throwing, policy: staticPolicy(policy) });
    click(send);
    expect(sent).toEqual(['Báo cáo tuần']);
    expect(ui.dialogs).toHaveLength(0);
    expect(ui.toasts).toEqual([expect.objectContaining({ kind: 'check-failed-sent', reason: 'engine' })]);
  });

  it("the page cannot be read → 'block' stops and tells", () => {
    const { send, ui, sent } = setup({
      adapter: makeAdapter({
        readDraft: () => {
          throw new Error('selector gone');
        },
      }),
    });
    click(send);
    expect(sent).toEqual([]);
    expect(ui.last).toMatchObject({ kind: 'failure', reason: 'unreadable' });
  });

  it("a rule crashing inside the engine (check-failed finding) with onError 'allow' → sent + toast", () => {
    const policy = { ...POLICY, onError: 'allow' } as Policy;
    const failed = finding({ rule: 'check-failed', severity: 'warn', allowOverride: true, evidence: [] });
    const { send, ui, sent } = setup({ evaluate: () => [failed], policy: staticPolicy(policy) });
    click(send);
    expect(sent).toHaveLength(1);
    expect(ui.toasts[0]).toMatchObject({ kind: 'check-failed-sent' });
  });

  it('no policy yet: waits ("checking"), then sends exactly once when it turns out clean', async () => {
    let resolve!: (p: Policy) => void;
    let current: Policy | undefined;
    const ready = new Promise<Policy>((r) => (resolve = r));
    const { send, ui, sent, adapter } = setup({ policy: { current: () => current, ready: () => ready } });
    click(send);
    expect(sent).toEqual([]);
    expect(ui.last).toEqual({ kind: 'checking' });
    current = POLICY;
    resolve(POLICY);
    await new Promise((r) => setTimeout(r, 0));
    expect(adapter.triggered).toBe(1);
    expect(sent).toEqual(['Báo cáo tuần']);
    expect(ui.open).toBe(false);
  });

  it('a policy that arrives within the silent hold: no dialog flashes, sent exactly once', async () => {
    let resolve!: (p: Policy) => void;
    let current: Policy | undefined;
    const ready = new Promise<Policy>((r) => (resolve = r));
    const { send, ui, sent, adapter } = setup({ policy: { current: () => current, ready: () => ready }, checkingDelayMs: 50 });
    click(send);
    click(send); // a second press while held must not send twice
    expect(sent).toEqual([]);
    current = POLICY;
    resolve(POLICY);
    await new Promise((r) => setTimeout(r, 80));
    expect(ui.dialogs).toHaveLength(0);
    expect(adapter.triggered).toBe(1);
    expect(sent).toEqual(['Báo cáo tuần']);
  });

  it('a slow policy: "checking" appears after the silent hold', async () => {
    const { send, ui, sent } = setup({ policy: { current: () => undefined, ready: () => new Promise(() => {}) }, checkingDelayMs: 20 });
    click(send);
    expect(ui.dialogs).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 40));
    expect(ui.last).toEqual({ kind: 'checking' });
    expect(sent).toEqual([]);
  });

  it('policy never arrives: times out into the failure dialog', async () => {
    const { send, ui, sent } = setup({ policy: { current: () => undefined, ready: () => new Promise(() => {}) }, deferTimeoutMs: 5 });
    click(send);
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toEqual([]);
    expect(ui.last).toMatchObject({ kind: 'failure', reason: 'timeout' });
  });
});

describe('attachments still being extracted', () => {
  it('shows "checking", then the findings once the text is known', async () => {
    let release!: () => void;
    let extracted = false;
    const attachments: AttachmentSource = {
      enrich: (d) => ({ ...d, attachments: [{ name: 'a.docx', size: 10, ...(extracted ? { extraction: { parts: [{ where: 'attachment:a.docx', text: 'MẬT' }] } } : {}) }] }),
      pending: () => (extracted ? null : new Promise<void>((r) => (release = r))),
    };
    const evaluate = (d: Parameters<typeof stubEvaluate>[0]) =>
      d.attachments.some((a) => a.extraction?.parts.some((p) => p.text === 'MẬT')) ? [finding({ rule: 'classified-content' })] : [];
    const { send, ui, sent } = setup({ attachments, evaluate });
    click(send);
    expect(ui.last).toEqual({ kind: 'checking' });
    extracted = true;
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(ui.last).toMatchObject({ kind: 'findings' });
    expect(sent).toEqual([]);
  });

  it('"Đóng" during checking cancels: nothing is sent when extraction finishes', async () => {
    let release!: () => void;
    const attachments: AttachmentSource = { enrich: (d) => d, pending: () => new Promise<void>((r) => (release = r)) };
    const { send, ui, adapter } = setup({ attachments });
    click(send);
    ui.actions!.back();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(adapter.triggered).toBe(0);
  });
});

describe('"Chuyển sang Unicode"', () => {
  it('converts only the flagged field (body here) through the adapter, re-checks, returns to the draft', () => {
    // A converter that would visibly garble Unicode text if it were run on the subject.
    const { send, body, subject, ui, sent } = setup({ convert: (s) => s.replace('Céng hoµ', 'Cộng hòa').replace(/á/g, '¸') });
    body.value = 'Céng hoµ x· héi';
    click(send);
    expect(ui.last).toMatchObject({ kind: 'findings', fix: { kind: 'convert-encoding', encoding: 'tcvn3' } });
    ui.actions!.convert();
    expect(body.value).toBe('Cộng hòa x· héi');
    expect(subject.value).toBe('Báo cáo tuần');
    expect(ui.open).toBe(false);
    expect(ui.toasts).toEqual([{ kind: 'converted' }]);
    expect(sent).toEqual([]);
    click(send);
    expect(sent).toHaveLength(1);
  });
});

describe('low-confidence reads (adapter.readIssues)', () => {
  it('downgrades blocks to warnings and shows why', () => {
    const { send, subject, ui } = setup({ adapter: makeAdapter({ readIssues: () => ['Người nhận chỉ hiện tên'] }) });
    subject.value = 'TUYỆT MẬT';
    click(send);
    expect(ui.last).toMatchObject({ kind: 'findings', canOverride: true, notes: ['Người nhận chỉ hiện tên'] });
  });
});
