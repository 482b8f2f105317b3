/**
 * What one process works with: saved settings with the session's CLI overrides, and the
 * verifiers it can use (session first; secrets sealed by the desktop's keychain left out, said once).
 */
import { describe, expect, it } from 'vitest'
import {
  usableVerifiers,
  withSessionOverrides,
} from '../../../electron/core/hooklens/session-settings'
import { defaultSettings } from '../../../electron/core/settings/settings-types'
import { SEALED_SECRET_PREFIX } from '../../../electron/core/verify'

describe('withSessionOverrides', () => {
  it('applies only the overrides given, and types a JSON --respond-body', () => {
    const saved = defaultSettings()
    expect(withSessionOverrides(saved, {})).toEqual(saved)
    const s = withSessionOverrides(saved, {
      maxBodyBytes: 512,
      bodyTimeoutSec: 3,
      respond: { status: 429, body: ' {"slow":"down"}', headers: [['Retry-After', '10']] },
    })
    expect(s.receiver).toMatchObject({ maxBodyBytes: 512, bodyTimeoutSec: 3 })
    expect(s.receiver.headersTimeoutSec).toBe(saved.receiver.headersTimeoutSec)
    expect(s.defaultResponse).toMatchObject({
      status: 429,
      body: ' {"slow":"down"}',
      contentType: 'application/json',
      headers: [['Retry-After', '10']],
    })
    expect(
      withSessionOverrides(saved, { respond: { body: 'ok' } }).defaultResponse.contentType,
    ).toBe('text/plain')
  })
})

describe('usableVerifiers', () => {
  it('puts session verifiers first and leaves sealed secrets out, warning once per verifier', () => {
    const warnings: string[] = []
    const usable = usableVerifiers((m) => warnings.push(m))
    const session = [{ id: 's', scheme: 'github', secrets: ['cli'] }]
    const saved = [
      {
        id: 'a',
        name: 'stripe prod',
        scheme: 'stripe',
        secrets: [`${SEALED_SECRET_PREFIX}x`, 'open'],
      },
      { id: 'b', scheme: 'slack', secrets: [`${SEALED_SECRET_PREFIX}y`] },
    ]
    const first = usable(session, saved)
    expect(first.map((v) => [v.id, v.secrets])).toEqual([
      ['s', ['cli']],
      ['a', ['open']],
    ])
    usable(session, saved)
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toMatch(
      /^verifier stripe prod: secrets encrypted by the Hooklens desktop app/,
    )
  })
})
