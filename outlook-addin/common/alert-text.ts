/**
 * Text of the Smart Alerts dialog and of the info bars.
 *
 * Limits (Office.SmartAlertsEventCompletedOptions, @types/office-js): errorMessage and
 * errorMessageMarkdown are ≤ 500 characters each; a notification message is ≤ 150.
 * Markdown in the dialog supports bold/italic, lists whose items end with "\r", links
 * and "\n\n" line breaks only (learn.microsoft.com, "Limitations to formatting the dialog
 * message using Markdown"), so mail text is escaped before it goes in.
 */
import type { Finding } from '../../shared/types';

export type Lang = 'vi' | 'en';

export const SMART_ALERT_LIMIT = 500;
export const INFOBAR_LIMIT = 150;

/** Outlook's UI language decides; Vietnamese unless the UI is English. */
export function langFromDisplayLanguage(displayLanguage: string | undefined): Lang {
  return displayLanguage && /^en\b/i.test(displayLanguage) ? 'en' : 'vi';
}

export function findingText(f: Finding, lang: Lang): string {
  return lang === 'en' ? f.messageEn || f.message : f.message || f.messageEn;
}

const T = {
  vi: {
    blockHead: 'Thư chưa được gửi vì vi phạm quy định về thư điện tử công vụ:',
    warnHead: 'Thư có điểm chưa đúng quy định về thư điện tử công vụ:',
    blockTail: 'Hãy sửa rồi gửi lại. Mở ngăn kiểm tra để xem chi tiết.',
    warnTail: 'Bạn có thể sửa, hoặc chọn Vẫn gửi.',
    warnTailConfirm: 'Hãy sửa, hoặc bấm Gửi lần nữa để vẫn gửi.',
    reasonTail: 'Hãy sửa, hoặc bấm Xem chi tiết để ghi lý do rồi gửi; chọn Vẫn gửi nếu cần gửi ngay.',
    more: (n: number) => `… và ${n} vấn đề khác.`,
    errorBlock: (d: string) =>
      `Không kiểm tra được thư này (${d}). Theo chính sách của cơ quan, thư chưa được gửi; hãy thử gửi lại.`,
  },
  en: {
    blockHead: 'This message was not sent because it breaks the official e-mail rules:',
    warnHead: 'This message does not fully follow the official e-mail rules:',
    blockTail: 'Fix it and send again. Open the check pane for details.',
    warnTail: 'Fix it, or choose Send Anyway.',
    warnTailConfirm: 'Fix it, or press Send again to send anyway.',
    reasonTail: 'Fix it, or choose See details to record a reason and send; Send Anyway if it cannot wait.',
    more: (n: number) => `… and ${n} more.`,
    errorBlock: (d: string) =>
      `This message could not be checked (${d}). Your agency's policy holds it back; try sending again.`,
  },
};

export type AlertKind = 'block' | 'warn' | 'warn-confirm' | 'reason';

export function escapeMarkdown(text: string): string {
  // Only what Outlook's reduced Markdown acts on (emphasis, links, code); escaping more
  // characters risks a renderer that shows the backslashes.
  return text.replace(/([\\`*_[\]])/g, '\\$1').replace(/[\r\n]+/g, ' ');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

interface Variant {
  citations: 'all' | 'first' | 'none';
  maxItems: number;
}

/**
 * Builds the plain and Markdown dialog text, shrinking step by step until both fit:
 * all citations → the first citation of each finding → fewer findings with "… and N more".
 * Every block finding is listed before any warning, so truncation drops warnings first: the
 * findings come from evaluate() (shared/engine), which already orders them block → warn → info.
 */
export function buildAlertText(findings: Finding[], kind: AlertKind, lang: Lang): { plain: string; markdown: string } {
  const t = T[lang];
  const head = kind === 'block' ? t.blockHead : t.warnHead;
  const tail =
    kind === 'block' ? t.blockTail : kind === 'reason' ? t.reasonTail : kind === 'warn-confirm' ? t.warnTailConfirm : t.warnTail;

  const variants: Variant[] = [];
  for (const citations of ['all', 'first', 'none'] as const) variants.push({ citations, maxItems: findings.length });
  for (let n = findings.length - 1; n >= 1; n--) variants.push({ citations: 'first', maxItems: n });
  for (let n = findings.length - 1; n >= 1; n--) variants.push({ citations: 'none', maxItems: n });

  const render = (v: Variant, md: boolean): string => {
    const shown = findings.slice(0, v.maxItems);
    const items = shown.map((f, i) => {
      const msg = oneLine(findingText(f, lang));
      const cites = v.citations === 'all' ? f.citations : v.citations === 'first' ? f.citations.slice(0, 1) : [];
      const cite = cites.length ? cites.map(oneLine).join('; ') : '';
      if (md) return `${i + 1}. **${escapeMarkdown(msg)}**${cite ? ' — _' + escapeMarkdown(cite) + '_' : ''}\r`;
      return `${i + 1}. ${msg}${cite ? ' (' + cite + ')' : ''}`;
    });
    const rest = findings.length - shown.length;
    const more = rest > 0 ? t.more(rest) : '';
    if (md) return `**${escapeMarkdown(head)}**\n\n${items.join('')}${more ? '\n\n' + escapeMarkdown(more) : ''}\n\n${escapeMarkdown(tail)}`;
    return `${head}\n${items.join('\n')}${more ? '\n' + more : ''}\n${tail}`;
  };

  let plain = '';
  let markdown = '';
  for (const v of variants) {
    plain = plain && plain.length <= SMART_ALERT_LIMIT ? plain : render(v, false);
    markdown = markdown && markdown.length <= SMART_ALERT_LIMIT ? markdown : render(v, true);
    if (plain.length <= SMART_ALERT_LIMIT && markdown.length <= SMART_ALERT_LIMIT) break;
  }
  return { plain: clip(plain, SMART_ALERT_LIMIT), markdown: clip(markdown, SMART_ALERT_LIMIT) };
}

export function buildErrorText(detail: string, lang: Lang): string {
  return clip(T[lang].errorBlock(oneLine(detail).slice(0, 120)), SMART_ALERT_LIMIT);
}

export function infobarText(f: Finding, lang: Lang): string {
  const msg = oneLine(findingText(f, lang));
  const cite = f.citations[0] ? ` (${oneLine(f.citations[0])})` : '';
  return clip(msg + cite, INFOBAR_LIMIT);
}

/** Cuts at a character boundary (never inside a surrogate pair) and marks the cut. */
export function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = limit - 1;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end) + '…';
}
