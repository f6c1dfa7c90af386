/**
 * Styles for the shadow root. `:host { all: initial }` cuts inheritance from the page, and the
 * shadow boundary keeps the page's selectors out, so webmail CSS cannot restyle or hide the
 * dialog (and ours cannot leak into the webmail).
 */
export const GUARD_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.layer { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #1b1b1f; }
.en { font-size: 0.85em; color: #5b5b66; font-weight: normal; }
.overlay { position: fixed; inset: 0; background: rgba(20, 20, 30, 0.55); display: flex; align-items: center;
  justify-content: center; z-index: 2147483647; padding: 16px; }
.dialog { background: #fff; border-radius: 10px; max-width: 680px; width: 100%; max-height: calc(100vh - 32px);
  display: flex; flex-direction: column; box-shadow: 0 12px 40px rgba(0,0,0,.35); outline: none; }
.dialog header { padding: 18px 22px 8px; border-bottom: 1px solid #e6e6ea; }
.dialog h2 { margin: 0; font-size: 19px; line-height: 1.3; color: #8a1020; }
.dialog.kind-checking h2 { color: #1b1b1f; }
.product { margin: 4px 0 8px; font-size: 12px; color: #5b5b66; }
.body { padding: 12px 22px; overflow: auto; }
.intro { margin: 0 0 10px; }
.findings { list-style: none; margin: 0; padding: 0; }
.finding { border: 1px solid #e0e0e6; border-left-width: 5px; border-radius: 6px; padding: 10px 12px; margin: 0 0 10px; }
.finding.sev-block { border-left-color: #b00020; }
.finding.sev-warn { border-left-color: #c77700; }
.finding.sev-info { border-left-color: #2f6fbf; }
.finding-head { display: flex; flex-wrap: wrap; gap: 6px; align-items: baseline; }
.badge { font-size: 12px; font-weight: 600; padding: 1px 7px; border-radius: 10px; color: #fff; }
.badge .en { color: inherit; opacity: .85; }
.badge.sev-block { background: #b00020; }
.badge.sev-warn { background: #9a5c00; }
.badge.sev-info { background: #2f6fbf; }
.rule-id { font-size: 11px; color: #5b5b66; margin-left: auto; }
.msg { margin: 6px 0 2px; }
.msg-en { margin: 0 0 6px; }
.cite { margin: 4px 0; font-size: 13px; }
.cite .label { font-weight: 600; }
.evidence { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
.evidence .where { color: #5b5b66; }
.excerpt { background: #fff3c4; padding: 0 2px; border-radius: 3px; white-space: pre-wrap; word-break: break-word; }
.notes { background: #fff6e0; border-radius: 6px; padding: 8px 10px; margin-bottom: 8px; font-size: 13px; }
.notes p { margin: 0 0 4px; }
.notes ul { margin: 0; padding-left: 18px; }
.no-override { background: #fdecee; border-radius: 6px; padding: 8px 10px; }
.reason { margin-top: 8px; }
.reason label { display: block; font-weight: 600; margin-bottom: 4px; }
.reason textarea { width: 100%; font: inherit; padding: 6px 8px; border: 1px solid #8a8a96; border-radius: 6px; }
.hint { font-size: 12px; color: #5b5b66; margin: 4px 0 0; }
.dialog footer { display: flex; flex-wrap: wrap; gap: 10px; padding: 12px 22px 18px; border-top: 1px solid #e6e6ea; }
.btn { font: inherit; font-weight: 600; border-radius: 6px; padding: 8px 14px; cursor: pointer; border: 1px solid #8a8a96; background: #fff; color: #1b1b1f; }
.btn .en { color: inherit; opacity: .8; }
.btn.primary { background: #0b57d0; border-color: #0b57d0; color: #fff; }
.btn.override { margin-left: auto; border-color: #b00020; color: #b00020; }
.btn[disabled] { opacity: .45; cursor: not-allowed; }
.btn:focus-visible, textarea:focus-visible, .toast-close:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
details { margin-top: 8px; font-size: 13px; }
pre.detail, p.detail { white-space: pre-wrap; word-break: break-word; font-size: 12px; color: #5b5b66; margin: 4px 0 0; }
.toasts { position: fixed; right: 16px; bottom: 16px; z-index: 2147483646; display: flex; flex-direction: column; gap: 8px; max-width: min(440px, calc(100vw - 32px)); }
.toast { position: relative; background: #fff; border-radius: 8px; border-left: 5px solid #2f6fbf; box-shadow: 0 6px 24px rgba(0,0,0,.25); padding: 10px 34px 10px 12px; font-size: 13px; }
.toast.tone-error { border-left-color: #b00020; }
.toast.tone-warn { border-left-color: #c77700; }
.toast.tone-ok { border-left-color: #1e7d32; }
.toast-title { margin: 0 0 4px; font-weight: 600; }
.toast ul { margin: 0; padding-left: 18px; }
.toast .cite { color: #5b5b66; }
.toast-close { position: absolute; top: 4px; right: 6px; border: 0; background: none; font-size: 18px; cursor: pointer; color: #5b5b66; }
.frames { position: fixed; width: 0; height: 0; overflow: hidden; border: 0; }
`;
