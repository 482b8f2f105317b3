import { describe, expect, it } from 'vitest'
import {
  SELF_CHECK_HEADER,
  SELF_CHECK_PATH,
  SelfCheckRegistry,
} from '../../../electron/core/tunnel/self-check'

describe('SelfCheckRegistry', () => {
  it('answers an issued nonce once, with the echo, and records its arrival', () => {
    const reg = new SelfCheckRegistry()
    const nonce = reg.issue()
    const a = reg.answer('GET', SELF_CHECK_PATH, [[SELF_CHECK_HEADER, nonce]])
    expect(a).toEqual({
      status: 200,
      contentType: 'text/plain',
      body: `hooklens-self-check ${nonce}`,
    })
    expect(reg.answer('GET', SELF_CHECK_PATH, [[SELF_CHECK_HEADER, nonce]])).toBeNull()
    expect(reg.consumeArrival(nonce)).toBe(true)
    expect(reg.consumeArrival(nonce)).toBe(false)
  })
  it('ignores unknown nonces, other paths and other methods (those are captured as usual)', () => {
    const reg = new SelfCheckRegistry()
    const nonce = reg.issue()
    expect(reg.answer('GET', SELF_CHECK_PATH, { [SELF_CHECK_HEADER]: 'forged' })).toBeNull()
    expect(reg.answer('POST', SELF_CHECK_PATH, { [SELF_CHECK_HEADER]: nonce })).toBeNull()
    expect(reg.answer('GET', '/hooks', { [SELF_CHECK_HEADER]: nonce })).toBeNull()
    expect(reg.answer('GET', SELF_CHECK_PATH, { [SELF_CHECK_HEADER]: nonce })).not.toBeNull()
  })
  it('forgets old nonces that never came back', () => {
    const reg = new SelfCheckRegistry()
    const first = reg.issue()
    for (let i = 0; i < 100; i++) reg.issue()
    expect(reg.answer('GET', SELF_CHECK_PATH, { [SELF_CHECK_HEADER]: first })).toBeNull()
  })
})
