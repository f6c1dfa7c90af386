import type { MailboxItem } from '../../types.ts';

/** What a reader found, with enough to tell the user when the list is partial. */
export interface ReadResult {
  /** Newest first where the server sorts so; each id once. */
  items: MailboxItem[];
  /**
   * False when the reader stopped at its page cap (or read a single page) while the server had
   * more: the hosts should say "only the newest N messages were checked".
   */
  complete: boolean;
  /** Entries the server sent that could not be turned into an item (broken, no date, no id). */
  skipped: number;
  /** Listing requests made (pages read). */
  pages: number;
}
