/**
 * Line diff of two texts (non-JSON or invalid-JSON bodies) as unified-style hunks, through the
 * `diff` library. Very different large texts give up early and say so instead of stalling.
 */
import { structuredPatch } from 'diff'
import type { TextDiff } from './types'

export interface TextDiffOptions {
  /** Context lines around each change. */
  context?: number
  /** Give up (tooLarge) past this many edits; bounds Myers' O((N+M)·D) cost. */
  maxEditLength?: number
  reason?: TextDiff['reason']
  invalid?: ('a' | 'b')[]
  note?: string
}

function lineCount(text: string): number {
  if (text === '') return 0
  const n = text.split('\n').length
  return text.endsWith('\n') ? n - 1 : n
}

/**
 * Myers costs about (lines of a + lines of b) × edits: allow many edits on small texts and
 * fewer on big ones, so a 1 MiB body rewritten throughout gives up quickly instead of stalling.
 */
function editBudget(a: string, b: string): number {
  const lines = lineCount(a) + lineCount(b) + 1
  return Math.max(50, Math.min(5000, Math.floor(WORK_BUDGET / lines)))
}

const WORK_BUDGET = 10_000_000

export function diffText(a: string, b: string, options: TextDiffOptions = {}): TextDiff {
  const base: TextDiff = {
    kind: 'text',
    identical: a === b,
    reason: options.reason ?? 'not-json',
    hunks: [],
    linesAdded: 0,
    linesRemoved: 0,
    tooLarge: false,
  }
  if (options.invalid?.length) base.invalid = options.invalid
  if (options.note) base.note = options.note
  if (a === b) return base
  const patch = structuredPatch('a', 'b', a, b, '', '', {
    context: options.context ?? 3,
    maxEditLength: options.maxEditLength ?? editBudget(a, b),
  })
  if (!patch) {
    // Too different to diff cheaply: report it as a whole replacement.
    return { ...base, tooLarge: true, linesAdded: lineCount(b), linesRemoved: lineCount(a) }
  }
  for (const h of patch.hunks) {
    base.hunks.push({
      oldStart: h.oldStart,
      oldLines: h.oldLines,
      newStart: h.newStart,
      newLines: h.newLines,
      lines: h.lines,
    })
    for (const line of h.lines) {
      if (line.startsWith('+')) base.linesAdded++
      else if (line.startsWith('-')) base.linesRemoved++
    }
  }
  return base
}
