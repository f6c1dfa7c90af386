import { evaluate, decide } from '../../shared/engine';
import { prepareDraft } from '../../shared/attachments';
import { htmlToText } from '../../shared/text/html';
import { resolvePolicy, validatePolicy } from '../../shared/policy';
import type { EffectivePolicy } from '../../outlook-addin/common/policy-source';
import { createHandlers, type Budget, type SendOutcome } from '../../outlook-addin/handlers/handlers';
import type { OfficeLike } from '../../outlook-addin/handlers/office-api';
import { HANDLER_FUNCTION_NAMES } from '../../outlook-addin/common/constants';
import { createOfficeMock, type MockOptions, type OfficeMock } from './office-mock';

export const core = { evaluate, decide, prepareDraft, htmlToText };

export function presetPolicy(preset: Parameters<typeof resolvePolicy>[0] & string): EffectivePolicy {
  return { origin: { kind: 'user-preset', preset }, source: { preset }, policy: resolvePolicy(preset) };
}

export function adminPolicy(json: unknown): EffectivePolicy {
  const r = validatePolicy(json);
  if (!r.ok) throw new Error('bad test policy: ' + JSON.stringify(r.issues));
  return { origin: { kind: 'admin', url: 'https://localhost:3000/policy.json', fetchedAt: '2026-01-01T00:00:00Z' }, source: { json }, policy: r.policy };
}

export interface Harness extends OfficeMock {
  outcomes: { outcome: SendOutcome; ms: number }[];
  send(): Promise<{ options: Record<string, unknown> | undefined; ms: number; outcome?: SendOutcome }>;
}

/** A mock Outlook with the real shared core behind the handlers. */
export function harness(mock: MockOptions, policy: EffectivePolicy | (() => Promise<EffectivePolicy>), budget: Partial<Budget> = {}): Harness {
  const m = createOfficeMock(mock);
  const outcomes: Harness['outcomes'] = [];
  const handlers = createHandlers(
    {
      office: m.Office as unknown as OfficeLike,
      core,
      loadPolicy: typeof policy === 'function' ? policy : () => Promise.resolve(policy),
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      budget,
    },
    { onSendOutcome: (outcome, ms) => outcomes.push({ outcome, ms }) },
  );
  for (const name of HANDLER_FUNCTION_NAMES) m.Office.actions.associate(name, handlers[name] as never);
  return Object.assign(m, {
    outcomes,
    async send() {
      const t0 = Date.now();
      const c = await m.fire('onMessageSendHandler', 'messageSend');
      return { options: c.options, ms: Date.now() - t0, outcome: outcomes[outcomes.length - 1]?.outcome };
    },
  });
}

export const AGENCY = { displayName: 'Trần Minh Hùng - Sở Y tế', emailAddress: 'tmhung-syt@quangngai.gov.vn' };
export const UNIT = { displayName: 'Sở Y tế', emailAddress: 'syt@quangngai.gov.vn' };
export const MB = 1024 * 1024;
