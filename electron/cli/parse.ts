/** Parsers for CLI flag values; each throws a UsageError that names the flag and the problem. */
import { UsageError } from './errors'

export function parsePort(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535 (got "${value}")`)
  }
  return n
}

export function parseIntFlag(flag: string, min = 0): (value: string) => number {
  return (value) => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < min) {
      throw new UsageError(`${flag} must be a whole number ≥ ${min} (got "${value}")`)
    }
    return n
  }
}

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
}

/** Sizes like `10mb`, `512k`, `1048576`. */
export function parseSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value)
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined
  if (!m || unit === undefined || Number(m[1]) <= 0) {
    throw new UsageError(
      `--max-body must be a size such as 10mb, 512kb or 1048576 (got "${value}")`,
    )
  }
  return Math.floor(Number(m[1]) * unit)
}

export function parseStatus(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 100 || n > 599) {
    throw new UsageError(`--respond must be an HTTP status from 100 to 599 (got "${value}")`)
  }
  return n
}

/** `SCHEME=SECRET` (the secret may itself contain '='). */
export function parseSchemeSecret(value: string): { scheme: string; secret: string } {
  const at = value.indexOf('=')
  if (at <= 0 || at === value.length - 1) {
    throw new UsageError('--secret takes SCHEME=SECRET, e.g. --secret standard-webhooks=whsec_…')
  }
  return { scheme: value.slice(0, at), secret: value.slice(at + 1) }
}

/** An absolute http(s) URL, checked when the flag is read rather than at the first send. */
export function httpUrl(flag: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UsageError(`${flag} must be an http:// or https:// URL (got "${value}")`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `${flag} must be an http:// or https:// URL (got "${value}": ${url.protocol.slice(0, -1)} is not supported)`,
    )
  }
  if (!url.hostname) throw new UsageError(`${flag} must name a host (got "${value}")`)
  return value
}

/** `Name: value` for header flags (`--respond-header`, `-H`). */
export function parseHeader(flag: string): (value: string) => [string, string] {
  return (value) => {
    const at = value.indexOf(':')
    const name = value.slice(0, at).trim()
    if (at <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new UsageError(`${flag} takes 'Name: value' (got "${value}")`)
    }
    const headerValue = value.slice(at + 1).trim()
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(headerValue)) {
      throw new UsageError(`${flag}: the value of ${name} has a control character`)
    }
    return [name, headerValue]
  }
}

export function collect<T>(parse: (v: string) => T) {
  return (value: string, previous: T[] = []): T[] => [...previous, parse(value)]
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`
}
