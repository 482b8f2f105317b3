/**
 * Small display helpers: times, sizes, bytes. One time format everywhere: local time as
 * HH:MM:SS.mmm, with the date in front where a day may not be today.
 */

export function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`
}

/** `2026-12-01 22:38:20.020` in local time, the same clock as formatTime. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${formatTime(iso)}`
}

export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

export function bodyBytes(body: string, encoding: 'utf8' | 'base64'): Uint8Array {
  return encoding === 'base64' ? base64ToBytes(body) : new TextEncoder().encode(body)
}

/** The body as text when it is text; null for binary. */
export function bodyText(body: string, encoding: 'utf8' | 'base64'): string | null {
  if (encoding === 'utf8') return body
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(base64ToBytes(body))
  } catch {
    return null
  }
}

export function tryParseJson(text: string | null): { ok: true; value: unknown } | { ok: false } {
  if (text === null) return { ok: false }
  const t = text.trim()
  if (!t || (t[0] !== '{' && t[0] !== '[')) return { ok: false }
  try {
    return { ok: true, value: JSON.parse(t) }
  } catch {
    return { ok: false }
  }
}
