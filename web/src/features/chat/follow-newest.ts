/** Within this many px of the bottom counts as "at the newest line" (a line or two of slack for a sub-pixel scroll). */
export const NEAR_BOTTOM_PX = 24;

/** A scrolled element's figures (an HTMLElement has them). */
export interface ScrollMetrics {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/**
 * The chat panel's scroll rule: it follows the newest line unless the player scrolled up to read; then new lines
 * raise a "new messages" pill instead of yanking the view away. Whether the player is "at the bottom" is decided by
 * the last scroll, not after a line was added: a tall answer (`/who`, `/help`) added at the bottom would otherwise
 * push the view "away from the bottom" and stay hidden below it.
 */
export class FollowNewest {
  /** The view is at the newest line and follows new ones. */
  pinned = true;
  /** Lines arrived while the player read above: the pill shows. */
  unseen = false;

  /** The player (or the panel) scrolled: pinned again once back at the bottom. */
  onScroll(metrics: ScrollMetrics): void {
    this.pinned = metrics.scrollHeight - metrics.scrollTop - metrics.clientHeight <= NEAR_BOTTOM_PX;
    if (this.pinned) this.unseen = false;
  }

  /** The key of the newest line last seen here: the pill is for a line newer than it, nothing else. */
  private newestKey: string | undefined;

  /**
   * The lines changed or the panel was resized (typing makes it taller): true when the view should scroll to the
   * bottom. The pill shows only when the newest line is a new one while the player reads above; a resize, or older
   * history put in above, is no new message.
   */
  onLinesChanged(newestKey: string | undefined): boolean {
    if (!this.pinned && newestKey !== this.newestKey) this.unseen = true;
    this.newestKey = newestKey;
    return this.pinned;
  }

  /** The player sent a line or command, or clicked the pill: the answer is what they want to see. */
  jumpToNewest(): void {
    this.pinned = true;
    this.unseen = false;
  }
}
