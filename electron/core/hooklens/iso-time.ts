/**
 * `Date.prototype.toISOString` for the capture path's `receivedAt`, once per request: the
 * text up to the second is formatted once per second and reused, only the milliseconds are
 * written per call. The result is the same text as toISOString's for every time value.
 */
export function isoTimeFormatter(): (time: number) => string {
  let second = NaN
  let prefix = ''
  return (time) => {
    const s = Math.floor(time / 1000)
    if (s !== second) {
      // "…T12:34:56." from toISOString itself: any year format it uses is kept.
      prefix = new Date(s * 1000).toISOString().slice(0, -4)
      second = s
    }
    const ms = time - s * 1000
    return `${prefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`
  }
}
