// The one header helper over [name, value] pairs: case-insensitive, first value wins,
// setHeader keeps position and original case, appends when absent.
import { describe, expect, it } from 'vitest'
import { firstHeader, hasHeader, headerValue, setHeader } from '../../../shared/headers'
import { headerValue as fromEvent, type HeaderPair } from '../../../shared/event'

const H: HeaderPair[] = [
  ['Content-Type', 'application/json'],
  ['X-Hub-Signature', 'sha1=a'],
  ['x-hub-signature', 'sha1=b'],
]

describe('shared/headers', () => {
  it('looks names up case-insensitively, first occurrence wins', () => {
    expect(headerValue(H, 'content-type')).toBe('application/json')
    expect(headerValue(H, 'X-HUB-SIGNATURE')).toBe('sha1=a')
    expect(headerValue(H, 'missing')).toBeUndefined()
    expect(hasHeader(H, 'CONTENT-type')).toBe(true)
    expect(hasHeader(H, 'x-hub-signature-256')).toBe(false)
    expect(fromEvent).toBe(headerValue)
  })

  it('finds the first of several names, with the name as asked', () => {
    expect(firstHeader(H, ['X-Hub-Signature-256', 'X-HUB-Signature'])).toEqual([
      'X-HUB-Signature',
      'sha1=a',
    ])
    expect(firstHeader(H, ['nope'])).toBeNull()
  })

  it('sets in place (first occurrence, original case, duplicates dropped) or appends', () => {
    expect(setHeader(H, 'x-HUB-signature', 'sha1=c')).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Hub-Signature', 'sha1=c'],
    ])
    expect(setHeader(H, 'X-New', '1').at(-1)).toEqual(['X-New', '1'])
    expect(H).toHaveLength(3)
  })
})
