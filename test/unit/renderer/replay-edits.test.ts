import { describe, expect, it } from 'vitest'
import { headerEdits, headerLines } from '../../../renderer/src/lib/replay-edits'
import type { HeaderPair } from '../../../shared/event'

const original: HeaderPair[] = [
  ['Host', 'localhost:9000'],
  ['Content-Type', 'application/json'],
  ['Webhook-Id', 'msg_1'],
  ['Content-Length', '2'],
]

describe('replay header edits', () => {
  it('shows editable headers without hop-by-hop ones', () => {
    expect(headerLines(original)).toBe('Content-Type: application/json\nWebhook-Id: msg_1')
  })
  it('sends nothing when nothing changed', () => {
    expect(headerEdits(original, headerLines(original))).toEqual({})
  })
  it('turns changed, added and removed lines into set/remove lists', () => {
    const edited = 'Content-Type: text/plain\nX-New: 1'
    expect(headerEdits(original, edited)).toEqual({
      setHeaders: [
        ['Content-Type', 'text/plain'],
        ['X-New', '1'],
      ],
      removeHeaders: ['webhook-id'],
    })
  })
})
