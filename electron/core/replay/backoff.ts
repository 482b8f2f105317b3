/** When to try a failed forward again: exponential backoff with jitter, or the target's Retry-After. */

export interface BackoffSettings {
  /** Delay before the 2nd attempt; doubles each time. */
  baseMs: number
  maxMs: number
  /** 0..1, injectable so tests are deterministic. */
  random: () => number
}

/**
 * Delay after the `attempt`-th failure (1-based): base·2^(attempt−1), plus up to 25 % jitter so
 * several queued deliveries do not hit a recovering handler at the same instant. Always grows
 * with the attempt number (×2 beats +25 %) until the cap.
 */
export function backoffDelay(attempt: number, s: BackoffSettings): number {
  const exp = s.baseMs * 2 ** Math.max(0, attempt - 1)
  return Math.round(Math.min(s.maxMs, exp * (1 + 0.25 * s.random())))
}

/** Retry-After as delta-seconds or an HTTP date → milliseconds from now; null when unusable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value == null) return null
  const v = value.trim()
  if (/^\d+$/.test(v)) return Number(v) * 1000
  const at = Date.parse(v)
  if (Number.isNaN(at)) return null
  return Math.max(0, at - nowMs)
}

/** Network errors, 5xx, 429 and 408 are worth retrying; other answers will not change. */
export function isRetryable(errorCode: string | null, status: number | null): boolean {
  if (status == null) return errorCode !== null
  return status >= 500 || status === 429 || status === 408
}
