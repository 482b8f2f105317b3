/**
 * Small shared pieces of a verdict: the verifier's display name, the Verification object, and
 * the URL a URL-signing scheme is checked against.
 */
import type { Verification, VerificationDiagnosis } from '../../../shared/event'
import type { VerifierConfig, VerifyInput } from './types'

export function nameOf(v: VerifierConfig): string {
  return v.name || v.id
}

export function verdict(
  v: VerifierConfig,
  scheme: string | null,
  status: Verification['status'],
  reason: string,
  diagnosis: VerificationDiagnosis | null = null,
): Verification {
  return { scheme, status, reason, diagnosis, verifierId: v.id }
}

/** The URL a URL-signing scheme is checked against: configured, else public, else local. */
export function urlFor(options: Record<string, unknown>, input: VerifyInput): string {
  return typeof options.url === 'string' && options.url ? options.url : input.publicUrl || input.url
}
