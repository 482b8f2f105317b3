/**
 * `diffBodies(a, b)`: picks the right diff for two bodies. Both JSON → structural diff; either
 * not JSON or invalid JSON → line diff of the text; either not UTF-8 → byte summary. JSON nested
 * deeper than MAX_JSON_DEPTH is compared as text, saying so: the structural diff recurses per
 * level, and a stranger's 300,000-deep body must not overflow the stack (issue 12.11).
 */
import { jsonDepth, parseBody, toBytes, type BodyInput } from './body-input'
import { diffBytes } from './binary-diff'
import { diffJson, type JsonDiffOptions } from './json-diff'
import { diffText, type TextDiffOptions } from './text-diff'
import type { BodyDiff } from './types'

export interface BodyDiffOptions
  extends JsonDiffOptions, Omit<TextDiffOptions, 'reason' | 'invalid'> {}

/** Deepest JSON nesting diffed structurally (real payloads stay far below it). */
export const MAX_JSON_DEPTH = 500

export function diffBodies(a: BodyInput, b: BodyInput, options: BodyDiffOptions = {}): BodyDiff {
  const pa = parseBody(a)
  const pb = parseBody(b)
  if (pa.form === 'binary' || pb.form === 'binary') return diffBytes(toBytes(a), toBytes(b))
  if (pa.form === 'json' && pb.form === 'json') {
    const deep = (['a', 'b'] as const).filter(
      (_, i) => jsonDepth((i === 0 ? pa : pb).text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH,
    )
    if (deep.length === 0) return diffJson(pa.value, pb.value, options)
    return diffText(pa.text, pb.text, {
      ...options,
      reason: 'too-deep',
      invalid: deep,
      note: `JSON in ${deep.join(' and ')} is nested more than ${MAX_JSON_DEPTH} levels deep: compared as text`,
    })
  }
  const invalid: ('a' | 'b')[] = []
  if (pa.form === 'invalid-json') invalid.push('a')
  if (pb.form === 'invalid-json') invalid.push('b')
  const reason = invalid.length > 0 ? 'invalid-json' : pa.form === pb.form ? 'not-json' : 'mixed'
  return diffText(pa.text, pb.text, { ...options, reason, invalid })
}
