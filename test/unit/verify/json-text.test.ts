// The diagnosis' JSON writer reproduces JSON.stringify exactly (compact and indented), keeps
// number literals as written, and writes Python's and Go's styles.
import { describe, expect, it } from 'vitest'
import {
  JSON_STYLES,
  parseJson,
  styleWriter,
  writeJson,
} from '../../../electron/core/verify/json-text'
import {
  bodyVariants,
  JSON_VARIANTS_MAX_BYTES,
  urlVariants,
} from '../../../electron/core/verify/variants'

function randomValue(depth: number, r: () => number): unknown {
  const k = Math.floor(r() * (depth > 3 ? 4 : 6))
  if (k === 0) return Math.floor(r() * 1e6) - 5e5
  if (k === 1)
    return ['', 'a"b', 'tab\there', 'é€😀', '\u0001ctl', 'back\\slash', '</script>'][
      Math.floor(r() * 7)
    ]
  if (k === 2) return [true, false, null, 1.5, -0.25, 1e21][Math.floor(r() * 6)]
  if (k === 3) return r() * 1000
  if (k === 4) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(depth + 1, r))
  return Object.fromEntries(
    Array.from({ length: Math.floor(r() * 4) }, (_, i) => [
      `k${i}${'é'.repeat(i % 2)}`,
      randomValue(depth + 1, r),
    ]),
  )
}

describe('json-text', () => {
  it('matches JSON.stringify for 300 random values, compact and indented', () => {
    let seed = 99
    const r = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    for (let i = 0; i < 300; i++) {
      const value = randomValue(0, r)
      const node = parseJson(JSON.stringify(value, null, 3))
      expect(node).not.toBeNull()
      expect(writeJson(node!)).toBe(JSON.stringify(value))
      expect(writeJson(node!, { indent: 2 })).toBe(JSON.stringify(value, null, 2))
    }
  })

  it('keeps 64-bit integers and float spellings as written', () => {
    const node = parseJson('{"id": 820982911946154508, "f": 1.0, "e": 1E+2}')!
    expect(writeJson(node)).toBe('{"id":820982911946154508,"f":1.0,"e":1E+2}')
  })

  it('writes Python json.dumps defaults and Go escaping', () => {
    const node = parseJson('{"a":"é<&>","b":[1,2]}')!
    expect(writeJson(node, { itemSep: ', ', keySep: ': ', ascii: true })).toBe(
      '{"a": "\\u00e9<&>", "b": [1, 2]}',
    )
    expect(writeJson(node, { html: true })).toBe('{"a":"é\\u003c\\u0026\\u003e","b":[1,2]}')
    expect(writeJson(parseJson('{"s":"😀"}')!, { ascii: true })).toBe('{"s":"\\ud83d\\ude00"}')
  })

  it('rejects what is not JSON', () => {
    for (const bad of ['', '{', '{"a":1,}', 'nul', '[1 2]', '{"a":1} x', "{'a':1}"])
      expect(parseJson(bad)).toBeNull()
  })

  it('offers no variant equal to the received body', () => {
    const body = Buffer.from('{"a":1}')
    for (const v of bodyVariants(body)) expect(v.body.equals(body)).toBe(false)
  })

  it('lists URL variants without the primary URL and without duplicates', () => {
    const list = urlVariants(
      'https://x.loca.lt/a?q=1',
      'http://127.0.0.1:9000/a?q=1',
      'https://x.loca.lt/a?q=1',
    )
    const urls = list.map((v) => v.url)
    expect(urls).not.toContain('https://x.loca.lt/a?q=1')
    expect(new Set(urls).size).toBe(urls.length)
    expect(urls).toEqual(
      expect.arrayContaining([
        'http://x.loca.lt/a?q=1',
        'https://x.loca.lt/a',
        'https://x.loca.lt/a/?q=1',
        'http://127.0.0.1:9000/a?q=1',
      ]),
    )
  })
})

describe('body variants on large bodies', () => {
  it('skips JSON re-serialisation past the size cap but still tries byte-level edits', () => {
    const big = Buffer.from(JSON.stringify({ items: 'x'.repeat(JSON_VARIANTS_MAX_BYTES) }))
    const kinds = [...bodyVariants(big)].map((v) => v.variant)
    expect(kinds).toContain('trailing-newline-added')
    expect(kinds.some((k) => k.startsWith('json-'))).toBe(false)
    const small = [...bodyVariants(Buffer.from('{"a":1}'))].map((v) => v.variant)
    expect(small).toContain('json-pretty-2')
  })
})

describe('styleWriter (native fast path)', () => {
  it('writes every style exactly as writeJson does, for 200 random documents', () => {
    let seed = 4242
    const r = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    for (let i = 0; i < 200; i++) {
      const text = JSON.stringify({ v: randomValue(0, r), big: 0, f: 0 })
        .replace('"big":0', '"big":820982911946154508')
        .replace('"f":0', '"f":1.0')
      const node = parseJson(text)!
      const write = styleWriter(node)
      for (const style of JSON_STYLES)
        expect(write(style.options), style.variant).toBe(writeJson(node, style.options))
    }
  })

  it('falls back for documents JS objects would reorder or merge', () => {
    for (const text of ['{"b":1,"2":2,"a":[]}', '{"a":1,"a":2}']) {
      const node = parseJson(text)!
      for (const style of JSON_STYLES)
        expect(styleWriter(node)(style.options)).toBe(writeJson(node, style.options))
    }
    expect(styleWriter(parseJson('{"b":1,"2":2}')!)({})).toBe('{"b":1,"2":2}')
  })
})
