/** shared/path-glob: a whole `/**` segment also matches no segment (`/stripe/**` covers `/stripe`). */
import { describe, expect, it } from 'vitest'
import { globToRegExp, pathMatches } from '../../../shared/path-glob'
import { ruleMatches } from '../../../electron/core/receiver/response-rules'
import { pathMatches as verifierPathMatches } from '../../../electron/core/verify'

describe('path globs', () => {
  it.each([
    ['/stripe/**', '/stripe', true],
    ['/stripe/**', '/stripe/', true],
    ['/stripe/**', '/stripe/a/b', true],
    ['/stripe/**', '/stripex', false],
    ['/a/**/b', '/a/b', true],
    ['/a/**/b', '/a/x/y/b', true],
    ['/a/**/b', '/ab', false],
    ['/**', '/', true],
    ['/**', '/anything/at/all', true],
    ['/**/done', '/done', true],
    ['/hooks/*', '/hooks', false],
    ['/hooks/*', '/hooks/a', true],
    ['/x**', '/xyz/q', true],
  ])('%s vs %s → %s', (glob, path, expected) => {
    expect(pathMatches(glob, path)).toBe(expected)
  })

  it('holds for response rules, verifiers and queries alike', () => {
    expect(ruleMatches({ id: 'r', status: 429, path: '/stripe/**' }, 'POST', '/stripe')).toBe(true)
    expect(verifierPathMatches('/stripe/**', '/stripe')).toBe(true)
    expect(globToRegExp('/stripe/**', { questionMark: true }).test('/stripe')).toBe(true)
  })
})
