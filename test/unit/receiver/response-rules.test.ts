/** Response rule matching: method, path globs, first match wins, default answer. */
import { describe, expect, it } from 'vitest'
import { chooseAnswer } from '../../../electron/core/receiver/response-rules'
import { pathMatches } from '../../../shared/path-glob'
import { defaultSettings } from '../../../electron/core/settings/settings-types'

describe('pathMatches', () => {
  it.each([
    ['/hooks/*', '/hooks/a', true],
    ['/hooks/*', '/hooks/a/b', false],
    ['/hooks/**', '/hooks/a/b', true],
    ['/exact', '/exact', true],
    ['/exact', '/exact/', false],
    ['/a.b', '/aXb', false],
  ])('%s vs %s', (pattern, path, expected) => expect(pathMatches(pattern, path)).toBe(expected))
})

describe('chooseAnswer', () => {
  const s = defaultSettings()
  s.responseRules = [
    { id: 'a', method: 'GET', path: '/x', status: 404 },
    { id: 'b', path: '/x', status: 503, delayMs: 10 },
  ]
  it('first matching rule wins', () => {
    expect(chooseAnswer(s, 'GET', '/x')).toMatchObject({ ruleId: 'a', status: 404 })
    expect(chooseAnswer(s, 'POST', '/x')).toMatchObject({ ruleId: 'b', status: 503, delayMs: 10 })
  })
  it('falls back to the default answer', () => {
    expect(chooseAnswer(s, 'POST', '/y')).toMatchObject({
      ruleId: null,
      status: 200,
      body: '{"ok":true}',
    })
  })
})

describe('chooseAnswer default answer', () => {
  it('is built once per default response, and rebuilt when it changes (even in place)', () => {
    const s = defaultSettings()
    const first = chooseAnswer(s, 'POST', '/a')
    expect(chooseAnswer(s, 'GET', '/b')).toBe(first)
    s.defaultResponse.headers = [['x-a', '1']]
    const second = chooseAnswer(s, 'POST', '/a')
    expect(second.headers).toEqual([
      ['content-type', 'application/json'],
      ['x-a', '1'],
    ])
    s.defaultResponse.headers[0][1] = '2'
    expect(chooseAnswer(s, 'POST', '/a').headers).toContainEqual(['x-a', '2'])
    s.defaultResponse.status = 503
    expect(chooseAnswer(s, 'POST', '/a')).toMatchObject({ status: 503, ruleId: null })
    expect(chooseAnswer(defaultSettings(), 'POST', '/a')).toMatchObject({ status: 200 })
  })
})
