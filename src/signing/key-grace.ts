/**
 * An app as a signature check sees it while its previous key's grace period lasts and after it,
 * both made once when the app is loaded into the per-process cache; each request only picks one
 * (no copy of the app per request).
 */
export interface KeyGrace<T> {
  during: T;
  after: T;
  /** When the grace period ends (ms since the epoch); 0 when there is no previous key. */
  endsAt: number;
}

/** The view of `grace` that holds at `now`. */
export function keyGraceView<T>(grace: KeyGrace<T>, now = Date.now()): T {
  return now < grace.endsAt ? grace.during : grace.after;
}
