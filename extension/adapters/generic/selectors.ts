/**
 * Heuristics for webmails we have no adapter for (SOGo, Horde, in-house agency webmail …).
 * Nothing here is specific to one application, so every read is low-confidence: the adapter
 * always returns readIssues and the guard must treat its findings as warnings only.
 *
 * The rules are deliberately narrow:
 *  - Send is a button/input/[role=button] labelled EXACTLY "Gửi" or "Send" (text, value,
 *    aria-label or title) — "Gửi thư", "Send later", "Gửi lại mật khẩu" do not count;
 *  - the body is a visible contenteditable, a textarea that is not a recipient field, or a
 *    same-origin editor iframe (TinyMCE/CKEditor 4 put the body in one);
 *  - subject and recipient fields are recognised by name/id/aria-label/placeholder or by the
 *    text of their <label>.
 */

export const SEND_LABELS = ['Gửi', 'Send'] as const;

export const SEND_CANDIDATES = [
  'button',
  'input[type="submit"]',
  'input[type="button"]',
  '[role="button"]',
  'a[href]',
] as const;

export const EDITABLE = ['[contenteditable="true"]', '[contenteditable=""]', '[contenteditable="plaintext-only"]'] as const;
export const TEXTAREA = ['textarea'] as const;
export const EDITOR_FRAME = ['iframe'] as const;
export const TEXT_INPUTS = [
  'input:not([type])',
  'input[type="text"]',
  'input[type="email"]',
  'input[type="search"]',
  'textarea',
  '[contenteditable="true"]',
  '[role="combobox"]',
] as const;

/** Matched against name, id, aria-label, placeholder and the <label> text, normalised. */
export const SUBJECT_WORDS = /(^|[\s_\-[.])(subject|subj|chủ đề|chu de|tiêu đề|tieu de|trích yếu|trich yeu)($|[\s_\-\].:])/i;
export const FIELD_WORDS = {
  to: /^(_?to|to\[\]|rcpt_?to|recipients?|mailto|đến|tới|người nhận|gửi đến)$/i,
  cc: /^(_?cc|cc\[\]|đồng gửi|chuyển tiếp cho)$/i,
  bcc: /^(_?bcc|bcc\[\]|gửi ẩn|bcc ẩn)$/i,
} as const;
export const FROM_FIELDS = ['select[name="from"]', 'select[name="_from"]', 'input[name="from"]', 'input[name="_from"]', 'select[name="identity"]'] as const;

export const FILE_INPUT = ['input[type="file"]'] as const;
/** A listed attachment: "name.ext (26,3 KB)" in one short element. */
export const ATTACHMENT_LINE = /^[^\s\\/][^\\/]*\.[A-Za-z0-9]{1,6}\s*[([]?\s*\d[\d.,\u00A0 ]*\s*(bytes?|[KMGT]i?B|[KMGT]|B)\s*[)\]]?$/i;
