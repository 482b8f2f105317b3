/**
 * Name/value pairs as a table, in order and with repeats kept: the query string of the open
 * event, and form-encoded bodies. Decoding is for display only; the bytes stay as captured.
 */
import { CopyButton } from './CopyButton'

/** `a=1&b=x%20y&a=2` → [['a','1'],['b','x y'],['a','2']]; undecodable parts stay raw. */
export function parseParams(text: string): [string, string][] {
  const out: [string, string][] = []
  for (const part of text.split('&')) {
    if (!part) continue
    const eq = part.indexOf('=')
    const [k, v] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)]
    out.push([decode(k), decode(v)])
  }
  return out
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

export function ParamsTable(props: { pairs: [string, string][]; testId: string }) {
  return (
    <table className="headers" data-testid={props.testId}>
      <tbody>
        {props.pairs.map(([name, value], i) => (
          <tr key={i} data-testid="param-row">
            <th className="mono">{name}</th>
            <td className="mono">{value}</td>
            <td className="copy-cell">
              <CopyButton text={value} what={name} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
