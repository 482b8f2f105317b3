/**
 * Why a signature does not match: tries the known mistakes in turn — another configured secret,
 * a differently decoded secret, a body altered after signing, a different URL — and says which
 * one reproduces the signature, in one sentence plus a structured form. Secrets never appear.
 */
import type { VerificationDiagnosis } from '../../../shared/event'
import type { CheckResult, Content, Extracted, KeyMaterial, Scheme, VerifyContext } from './types'
import { bodyVariants, urlVariants } from './variants'

export interface OtherSecret {
  /** The verifier's name for sentences (never the secret). */
  verifier: string
  verifierId: string
  secretIndex: number
  secret: string
}

export interface DiagnoseInput {
  scheme: Scheme
  ex: Extracted
  keys: { key: KeyMaterial; index: number }[]
  secrets: string[]
  content: Content
  options: Record<string, unknown>
  ctx: VerifyContext
  others: OtherSecret[]
  localUrl: string
  publicUrl?: string | null
  /** A problem a check reported (signature right, something it covers wrong). */
  problem?: CheckResult['problem']
}

async function matches(d: DiagnoseInput, key: KeyMaterial, content: Content): Promise<boolean> {
  try {
    return (await d.scheme.check(d.ex, key, content, d.ctx, d.options)).ok
  } catch {
    return false
  }
}

const diag = (
  kind: string,
  message: string,
  details: Record<string, unknown>,
): VerificationDiagnosis => ({
  kind,
  message,
  details,
})

export async function diagnose(d: DiagnoseInput): Promise<VerificationDiagnosis> {
  const { scheme, content } = d
  if (d.problem) return diag(d.problem.kind, d.problem.message, d.problem.details ?? {})

  for (const k of d.keys) {
    const encoding = scheme.otherEncoding?.(d.ex, k.key, content)
    if (encoding) {
      return diag(
        'signature-encoding',
        `the signature is the right MAC but ${encoding}-encoded, and ${scheme.label} expects ${scheme.encoding ?? 'another encoding'}`,
        { sentEncoding: encoding, secretIndex: k.index },
      )
    }
  }

  for (const o of d.others) {
    if (d.secrets.includes(o.secret)) continue
    let key: KeyMaterial
    try {
      key = scheme.key(o.secret, d.options)
    } catch {
      continue
    }
    if (await matches(d, key, content)) {
      return diag(
        'wrong-secret',
        `the signature matches the secret of verifier "${o.verifier}", not this verifier's`,
        {
          verifierId: o.verifierId,
          secretIndex: o.secretIndex,
        },
      )
    }
  }

  for (const [index, secret] of d.secrets.entries()) {
    for (const v of scheme.keyVariants?.(secret, d.options) ?? []) {
      if (await matches(d, v.key, content)) {
        return diag(
          'secret-encoding',
          `the signature was made with ${v.describe}, but ${scheme.label} uses ${scheme.keyDescription}`,
          {
            variant: v.variant,
            secretIndex: index,
          },
        )
      }
    }
  }

  if (scheme.signsBody) {
    for (const v of bodyVariants(content.body)) {
      for (const k of d.keys) {
        if (await matches(d, k.key, { ...content, body: v.body })) {
          return diag(
            'body-altered',
            `the signature matches the body ${v.describe}, so the body was changed after signing`,
            {
              transformation: v.variant,
              signedSize: v.body.length,
              receivedSize: content.body.length,
            },
          )
        }
      }
    }
  }

  if (scheme.usesUrl) {
    for (const v of urlVariants(content.url, d.localUrl, d.publicUrl)) {
      for (const k of d.keys) {
        if (await matches(d, k.key, { ...content, url: v.url })) {
          return diag(
            'url-mismatch',
            `the signature was computed over ${v.url} (${v.describe}), not ${content.url}`,
            {
              signedUrl: v.url,
              verifiedUrl: content.url,
              variant: v.variant,
            },
          )
        }
      }
    }
  }

  const n = d.ex.signatures.length
  if (scheme.token) {
    return diag('mismatch', `the value of ${d.ex.source} matches no configured secret`, {
      secrets: d.secrets.length,
    })
  }
  if (scheme.id === 'a2a-jwt') {
    return diag(
      'mismatch',
      'the JWT signature does not verify with any key of the configured key set',
      { secrets: d.secrets.length },
    )
  }
  const what = scheme.usesUrl ? 'body or URL' : scheme.signsBody ? 'body' : 'signed values'
  return diag(
    'mismatch',
    `${n > 1 ? `none of the ${n} signatures` : 'the signature'} in ${d.ex.source} ${n > 1 ? 'match' : 'matches'} no configured secret, and no known change to the ${what} explains it`,
    { signatures: n, secrets: d.secrets.length },
  )
}
