/** Byte-level summary of two binary bodies: sizes, first differing offset, differing bytes. */
import type { BinaryDiff } from './types'

export function diffBytes(a: Uint8Array, b: Uint8Array): BinaryDiff {
  const common = Math.min(a.length, b.length)
  let first: number | null = null
  let differing = Math.abs(a.length - b.length)
  for (let i = 0; i < common; i++) {
    if (a[i] !== b[i]) {
      if (first === null) first = i
      differing++
    }
  }
  if (first === null && a.length !== b.length) first = common
  return {
    kind: 'binary',
    identical: first === null,
    sizeA: a.length,
    sizeB: b.length,
    firstDifferenceAt: first,
    differingBytes: differing,
  }
}
