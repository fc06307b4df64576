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

  /** New lines were added: true when the view should scroll to the bottom (else the pill shows). */
  onLinesAdded(): boolean {
    if (!this.pinned) this.unseen = true;
    return this.pinned;
  }

  /** The player sent a line or command, or clicked the pill: the answer is what they want to see. */
  jumpToNewest(): void {
    this.pinned = true;
    this.unseen = false;
  }
}
