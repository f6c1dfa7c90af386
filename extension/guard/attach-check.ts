/**
 * Attach-time warnings (issue #3 item 3): an over-limit or classified file gets a toast right
 * away, not only at Send. The same engine and policy decide as at Send time; we only filter the
 * findings down to the ones about attachments, and show each (rule, file) once.
 */
import type { Draft, Finding } from '../../shared/types';
import type { Policy } from '../../shared/policy';
import type { WebmailAdapter } from '../adapters/types';
import type { AttachmentStore, CapturedFile } from './attachments';
import type { GuardUi, PolicySource } from './guard';

export interface AttachCheckDeps {
  doc: Document;
  adapter: WebmailAdapter;
  policy: PolicySource;
  evaluate(draft: Draft, policy: Policy): Finding[];
  ui: Pick<GuardUi, 'toast'>;
  store: AttachmentStore;
}

export function isAttachmentFinding(f: Finding): boolean {
  return f.rule.startsWith('attachment-') || f.evidence.some((e) => e.where.startsWith('attachment:'));
}

export function createAttachCheck(deps: AttachCheckDeps) {
  const shown = new Set<string>();

  const run = async (files: readonly CapturedFile[]) => {
    const policy = deps.policy.current() ?? (await deps.policy.ready());
    if (!policy) return;
    let draft: Draft | null = null;
    try {
      draft = deps.adapter.readDraft(deps.doc);
    } catch {
      draft = null;
    }
    const base: Draft = draft ?? { to: [], cc: [], bcc: [], subject: '', bodyText: '', attachments: [] };
    let findings: Finding[];
    try {
      findings = deps.evaluate(deps.store.withNew(base, files), policy);
    } catch {
      return; // Send will run the full check and follow onError; no toast spam here.
    }
    const names = new Set(files.map((f) => `attachment:${f.name}`));
    const fresh = findings.filter(isAttachmentFinding).filter((f) => {
      // Only what concerns the files just attached (the total-size rule names all big files).
      const relevant = f.rule === 'attachment-too-large' || f.evidence.some((e) => names.has(e.where) || [...names].some((n) => e.where.startsWith(`${n} >`)));
      if (!relevant || f.severity === 'info') return false;
      const key = `${f.rule}|${f.evidence.map((e) => e.where).sort().join(',')}|${f.message}`;
      if (shown.has(key)) return false;
      shown.add(key);
      return true;
    });
    if (fresh.length) deps.ui.toast({ kind: 'attachment', findings: fresh });
  };

  return {
    /** Sizes are known at once: check them synchronously-ish (next microtask). */
    onAdded(files: CapturedFile[]) {
      void run(files);
    },
    /** Content is known once extraction finished. */
    onExtracted(file: CapturedFile) {
      void run([file]);
    },
  };
}
