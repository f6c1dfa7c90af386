/**
 * Resource limits for attachment extraction.
 *
 * Attachments are attacker-controlled (a forwarded mail can carry anything), and the check
 * runs while the user waits on "Send", inside a content script, a service worker or
 * Outlook's Smart Alerts handler (which Outlook kills after a few seconds). So every
 * extraction is bounded in bytes inflated, entries visited, text kept, nesting and time,
 * and running out of any of them is reported (never thrown to the host).
 */
import type { UnreadableReason } from '../types.ts';

export interface ExtractBudget {
  /** Total bytes we may inflate (zip entries, nested archives), for one attachment or one draft. */
  maxInflatedBytes: number;
  /** Total archive entries / MIME parts / PDF pages we may visit. */
  maxEntries: number;
  /** Characters of text kept per attachment (content past this is reported, not inspected). */
  maxTextChars: number;
  /** How deep containers may nest inside the attachment (zip in zip, eml in eml …). */
  maxDepth: number;
  /** Wall-clock milliseconds, checked between steps. */
  timeMs: number;
}

export const DEFAULT_BUDGET: Readonly<ExtractBudget> = Object.freeze({
  maxInflatedBytes: 64 * 1024 * 1024,
  maxEntries: 2000,
  maxTextChars: 4 * 1024 * 1024,
  maxDepth: 3,
  timeMs: 3000,
});

export type StopScope = 'item' | 'attachment' | 'run';

/** Thrown inside the extractors to unwind to the attachment boundary; never escapes the API. */
export class ExtractStop extends Error {
  constructor(
    readonly reason: UnreadableReason,
    readonly detail: string,
    /**
     * How far to unwind: 'item' = only the current entry/part, 'attachment' = the rest of
     * this attachment (text limit), 'run' = everything left under this budget (time, bytes, entries).
     */
    readonly scope: StopScope,
  ) {
    super(detail);
  }
  /** Set once the stop has been written to `unreadable`, so wider stops are reported once. */
  reported = false;
}

const now: () => number =
  typeof performance !== 'undefined' && typeof performance.now === 'function' ? () => performance.now() : () => Date.now();

const MiB = 1024 * 1024;
export function fmtBytes(n: number): string {
  return n >= MiB ? `${(n / MiB).toFixed(n >= 10 * MiB ? 0 : 1)} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} B`;
}

/** Mutable counters shared by everything extracted under one budget (one draft). */
export class BudgetState {
  readonly limits: ExtractBudget;
  deadline: number;
  inflated = 0;
  entries = 0;

  constructor(budget?: Partial<ExtractBudget>) {
    const limits = { ...DEFAULT_BUDGET };
    // for-in, not Object.entries: classic Outlook's runtime is ES2016.
    const given = (budget ?? {}) as Record<string, unknown>;
    for (const k in given) {
      const v = given[k];
      // Ignore unknown keys and undefined / NaN / negative values instead of disabling a guard by accident.
      if (k in limits && typeof v === 'number' && v >= 0 && !Number.isNaN(v)) (limits as unknown as Record<string, number>)[k] = v;
    }
    this.limits = limits;
    this.deadline = now() + limits.timeMs;
  }

  get remainingMs(): number {
    return this.deadline - now();
  }

  /**
   * Give back time spent on fixed costs that no attachment controls (loading the PDF
   * module on first use: ~0.3 s in Node, more under a transpiling loader).
   */
  excludeTime(ms: number): void {
    if (ms > 0) this.deadline += ms;
  }

  checkTime(): void {
    if (now() > this.deadline) {
      throw new ExtractStop('timeout', `time budget of ${this.limits.timeMs} ms used up`, 'run');
    }
  }

  get inflateRemaining(): number {
    return this.limits.maxInflatedBytes - this.inflated;
  }

  /** Reserve `n` inflated bytes (a declared size) before inflating anything. */
  reserveInflate(n: number, what: string): void {
    if (this.inflated + n > this.limits.maxInflatedBytes) {
      // A single entry bigger than everything left is skipped on its own; the run goes on
      // with smaller entries unless nothing is left at all.
      const scope: StopScope = this.inflateRemaining <= 0 ? 'run' : 'item';
      throw new ExtractStop(
        'too-large',
        `${what} expands to ${fmtBytes(n)}, over the ${fmtBytes(this.limits.maxInflatedBytes)} budget for unpacked data; not inspected`,
        scope,
      );
    }
    this.inflated += n;
  }

  countEntry(): void {
    this.entries++;
    if (this.entries > this.limits.maxEntries) {
      throw new ExtractStop('too-large', `more than ${this.limits.maxEntries} entries/parts`, 'run');
    }
  }
}
