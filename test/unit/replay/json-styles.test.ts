/** Python json.dumps and Go json.Marshal byte styles for `hooklens send` bodies. */
import { describe, expect, it } from 'vitest'
import { goJsonMarshal, pythonJsonDumps } from '../../../electron/core/replay'

describe('pythonJsonDumps', () => {
  it('uses ", " and ": " separators and escapes non-ASCII like ensure_ascii=True', () => {
    expect(pythonJsonDumps({ a: 1, b: [true, null, 'x'], c: { d: 'é☃' } })).toBe(
      '{"a": 1, "b": [true, null, "x"], "c": {"d": "\\u00e9\\u2603"}}',
    )
    expect(pythonJsonDumps('😀')).toBe('"\\ud83d\\ude00"')
    expect(pythonJsonDumps('tab\there "q" \u007f')).toBe('"tab\\there \\"q\\" \\u007f"')
    expect(pythonJsonDumps([])).toBe('[]')
    expect(pythonJsonDumps({})).toBe('{}')
  })
})

describe('goJsonMarshal', () => {
  it('is compact and HTML-escapes <, > and &', () => {
    expect(goJsonMarshal({ s: '<b> & </b>', n: 1 })).toBe(
      '{"s":"\\u003cb\\u003e \\u0026 \\u003c/b\\u003e","n":1}',
    )
  })
})
