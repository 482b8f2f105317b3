/**
 * `diffBodies(a, b)`: picks the right diff for two bodies. Both JSON → structural diff; either
 * not JSON or invalid JSON → line diff of the text; either not UTF-8 → byte summary.
 */
import { parseBody, toBytes, type BodyInput } from './body-input'
import { diffBytes } from './binary-diff'
import { diffJson, type JsonDiffOptions } from './json-diff'
import { diffText, type TextDiffOptions } from './text-diff'
import type { BodyDiff } from './types'

export interface BodyDiffOptions
  extends JsonDiffOptions, Omit<TextDiffOptions, 'reason' | 'invalid'> {}

export function diffBodies(a: BodyInput, b: BodyInput, options: BodyDiffOptions = {}): BodyDiff {
  const pa = parseBody(a)
  const pb = parseBody(b)
  if (pa.form === 'binary' || pb.form === 'binary') return diffBytes(toBytes(a), toBytes(b))
  if (pa.form === 'json' && pb.form === 'json') return diffJson(pa.value, pb.value, options)
  const invalid: ('a' | 'b')[] = []
  if (pa.form === 'invalid-json') invalid.push('a')
  if (pb.form === 'invalid-json') invalid.push('b')
  const reason = invalid.length > 0 ? 'invalid-json' : pa.form === pb.form ? 'not-json' : 'mixed'
  return diffText(pa.text, pb.text, { ...options, reason, invalid })
}
