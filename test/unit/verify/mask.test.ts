// The one secret mask (verify/mask.ts) and every place that shows a secret through it: the
// API's masked settings and hooklens mcp's redaction. Short secrets show nothing of
// themselves; long ones only their last four characters. (The CLI: test/integration/verify/
// secret-mask.test.ts.)
import { describe, expect, it } from 'vitest'
import { maskSecret, SEALED_SECRET_PREFIX } from '../../../electron/core/verify'
import { maskedSettings, maskSecretValue } from '../../../electron/core/hooklens/masked-settings'
import { defaultSettings } from '../../../electron/core/settings/settings-types'
import { maskCredential, scrubSecrets } from '../../../electron/core/mcp/redact'

const SHORT = 'abcdefghi' // 9 characters: the API used to show 4 of them
const LONG = 'gh-webhook-secret-4f9a2c'

describe('maskSecret: one rule', () => {
  it('shows nothing of a secret shorter than 16 characters', () => {
    expect(maskSecret(SHORT)).toBe('****')
    expect(maskSecret('fifteen-chars15')).toBe('****')
    expect(maskSecret('whsec_short')).toBe('whsec_****')
  })

  it('shows only the last four characters of a longer one, after a well-known prefix', () => {
    expect(maskSecret(LONG)).toBe('****9a2c')
    expect(maskSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe('whsec_****LaSw')
  })

  it('says what sealed secrets and key documents are, without their content', () => {
    expect(maskSecret(`${SEALED_SECRET_PREFIX}AAAA`)).toBe('**** (encrypted by the desktop app)')
    expect(maskSecret('{"keys":[]}')).toBe('**** (key, 11 chars)')
  })
})

describe('every place that shows a secret uses it', () => {
  it("the API's masked settings", () => {
    const s = defaultSettings()
    s.verifiers = [{ id: 'v', scheme: 'github', secrets: [SHORT, LONG] }]
    expect(maskedSettings(s).verifiers[0].secrets).toEqual(['****', '****9a2c'])
    expect(maskSecretValue(SHORT)).toBe(maskSecret(SHORT))
    expect(JSON.stringify(maskedSettings(s))).not.toContain('fghi')
  })

  it("hooklens mcp's credential headers and scrubbed results", () => {
    expect(maskCredential(`Bearer ${SHORT}`)).toBe('Bearer ****')
    expect(maskCredential(`Bearer ${LONG}`)).toBe('Bearer ****9a2c')
    const out = scrubSecrets(JSON.stringify({ a: `x ${SHORT} y`, b: LONG }), [SHORT, LONG])
    expect(JSON.parse(out)).toEqual({ a: 'x **** y', b: '****9a2c' })
  })
})
