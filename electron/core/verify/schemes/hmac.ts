/**
 * `hmac`: a generic HMAC scheme for senders the catalog does not know, configured by options —
 * header, algorithm (sha1/sha256/sha512), encoding (hex/base64/base64url), prefix, signed-content
 * template over {body} {timestamp} {id} {url} {method}, timestamp and id headers.
 */
import { headerValue, setHeader } from '../../../../shared/headers'
import { anyMatches, decodeBase64, encode, hmac, isHex, macMatches, parseUnix } from '../crypto'
import type { HmacAlgorithm, SigEncoding } from '../crypto'
import type { SchemeDefinition, SignContext, SignResult } from '../scheme-definition'
import type { Content, Extracted, Scheme } from '../types'
import { KeyError } from '../types'
import { keyVariants } from './parts/hmac-keys'
import { fieldsOf, type SignedFields } from './parts/hmac-scheme'

export interface GenericHmacOptions {
  header: string
  algorithm: HmacAlgorithm
  encoding: SigEncoding
  prefix: string
  template: string
  timestampHeader?: string
  idHeader?: string
  secretEncoding: 'utf8' | 'hex' | 'base64'
}

const ALGS = ['sha1', 'sha256', 'sha512']
const ENCODINGS = ['hex', 'base64', 'base64url']

/** Validates options; the messages are usage errors for the CLI and settings UI. */
export function genericOptions(raw: Record<string, unknown>): GenericHmacOptions {
  const str = (k: string): string | undefined =>
    typeof raw[k] === 'string' ? (raw[k] as string) : undefined
  const o: GenericHmacOptions = {
    header: str('header') ?? '',
    algorithm: (str('algorithm') ?? 'sha256') as HmacAlgorithm,
    encoding: (str('encoding') ?? 'hex') as SigEncoding,
    prefix: str('prefix') ?? '',
    template: str('template') ?? '{body}',
    timestampHeader: str('timestampHeader'),
    idHeader: str('idHeader'),
    secretEncoding: (str('secretEncoding') ?? 'utf8') as GenericHmacOptions['secretEncoding'],
  }
  if (!o.header) throw new KeyError('the hmac scheme needs a header option')
  if (!ALGS.includes(o.algorithm)) throw new KeyError(`algorithm must be one of ${ALGS.join(', ')}`)
  if (!ENCODINGS.includes(o.encoding))
    throw new KeyError(`encoding must be one of ${ENCODINGS.join(', ')}`)
  if (!['utf8', 'hex', 'base64'].includes(o.secretEncoding))
    throw new KeyError('secretEncoding must be utf8, hex or base64')
  if (o.template.includes('{timestamp}') && !o.timestampHeader)
    throw new KeyError('the template uses {timestamp} but no timestampHeader is set')
  if (o.template.includes('{id}') && !o.idHeader)
    throw new KeyError('the template uses {id} but no idHeader is set')
  return o
}

export function genericHmac(raw: Record<string, unknown>): Scheme {
  const o = genericOptions(raw)
  const pieces = placeholders(o.template)
  const signed = (ex: Extracted, c: Content) => render(pieces, fieldsOf(ex, c))
  return {
    id: 'hmac',
    label: `HMAC-${o.algorithm.toUpperCase()} (${o.header})`,
    headers: [o.header.toLowerCase()],
    signsBody: o.template.includes('{body}'),
    usesUrl: o.template.includes('{url}'),
    direction: 'both',
    keyDescription:
      o.secretEncoding === 'utf8' ? 'the secret as text' : `the ${o.secretEncoding}-decoded secret`,
    extract: (h) => {
      const value = headerValue(h, o.header)
      if (value === undefined) return null
      const data: Record<string, string> = {}
      let timestamp: number | undefined
      if (o.timestampHeader) {
        const ts = headerValue(h, o.timestampHeader)
        if (ts === undefined) return { problem: `${o.timestampHeader} header missing` }
        const n = parseUnix(ts)
        if (n === null) return { problem: `${o.timestampHeader} is not a Unix timestamp` }
        // Millisecond timestamps are common in home-grown schemes.
        timestamp = n > 1e11 ? n / 1000 : n
        data.ts = ts
      }
      if (o.idHeader) {
        const id = headerValue(h, o.idHeader)
        if (id === undefined) return { problem: `${o.idHeader} header missing` }
        data.id = id
      }
      const signatures = value
        .split(/[\s,]+/)
        .filter(Boolean)
        .filter((s) => !o.prefix || s.startsWith(o.prefix))
        .map((s) => s.slice(o.prefix.length))
      if (signatures.length === 0) return { problem: `${o.header} lacks the ${o.prefix} prefix` }
      return { signatures, timestamp, source: o.header, data }
    },
    key: (secret) => {
      if (o.secretEncoding === 'utf8') return Buffer.from(secret, 'utf8')
      const key =
        o.secretEncoding === 'hex'
          ? isHex(secret)
            ? Buffer.from(secret, 'hex')
            : null
          : decodeBase64(secret)
      if (!key) throw new KeyError(`the secret is not ${o.secretEncoding}`)
      return key
    },
    keyVariants: (secret) =>
      o.secretEncoding === 'utf8'
        ? keyVariants(secret, 'utf8')
        : [
            {
              key: Buffer.from(secret, 'utf8'),
              variant: 'text',
              describe: 'the secret used as text instead of decoded',
            },
          ],
    encoding: o.encoding,
    otherEncoding: (ex, key, c) => {
      if (!Buffer.isBuffer(key)) return null
      const mac = hmac(o.algorithm, key, signed(ex, c))
      const others = (ENCODINGS as SigEncoding[]).filter((e) => e !== o.encoding)
      return others.find((e) => anyMatches(encode(mac, e), ex.signatures, e)) ?? null
    },
    check: (ex, key, c) => {
      if (!Buffer.isBuffer(key)) return { ok: false }
      return { ok: macMatches(o.algorithm, o.encoding, key, signed(ex, c), ex.signatures) }
    },
  }
}

function placeholders(template: string): string[] {
  return template.split(/(\{(?:body|timestamp|id|url|method)\})/)
}

/** The template's base string over a request's fields: what is verified and what is signed. */
function render(pieces: string[], f: SignedFields): (string | Buffer)[] {
  return pieces.map((p) => {
    if (p === '{body}') return f.body
    if (p === '{url}') return f.url
    if (p === '{method}') return f.method
    if (p === '{timestamp}') return String(f.ts)
    if (p === '{id}') return String(f.id)
    return p
  })
}

/** Signs with the same options, key and template the verifier checks; a fresh timestamp. */
function signGeneric(ctx: SignContext): SignResult {
  const o = genericOptions(ctx.options ?? {})
  const key = genericHmac(ctx.options ?? {}).key(ctx.secret, {}) as Buffer
  const ts = String(ctx.nowSec)
  let headers = ctx.headers
  if (o.timestampHeader) headers = setHeader(headers, o.timestampHeader, ts)
  const id = (o.idHeader && headerValue(headers, o.idHeader)) || ''
  const fields: SignedFields = { body: ctx.body, url: ctx.url, method: ctx.method, ts, id }
  const mac = encode(hmac(o.algorithm, key, render(placeholders(o.template), fields)), o.encoding)
  headers = setHeader(headers, o.header, o.prefix + mac)
  return { headers, notes: [] }
}

export const genericHmacDefinition: SchemeDefinition = {
  id: 'hmac',
  verifier: genericHmac,
  signing: { timestamped: false, sign: signGeneric },
  // Never guessed from headers: a verifier names the header in its options.
  detect: null,
}
