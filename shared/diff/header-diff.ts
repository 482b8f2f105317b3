/**
 * Header diff: names compared case-insensitively, repeated headers compared as their ordered
 * list of values. Order-only differences are reported as `reordered`, not as changes.
 */
import type { HeaderChange, HeaderDiff } from './types'

type Pair = readonly [string, string]

interface Group {
  name: string
  values: string[]
}

function group(headers: readonly Pair[]): Map<string, Group> {
  const m = new Map<string, Group>()
  for (const [name, value] of headers) {
    const k = name.toLowerCase()
    const g = m.get(k)
    if (g) g.values.push(value)
    else m.set(k, { name, values: [value] })
  }
  return m
}

const joined = (g: Group): string => g.values.join(', ')

export function diffHeaders(a: readonly Pair[], b: readonly Pair[]): HeaderDiff {
  const ga = group(a)
  const gb = group(b)
  const changes: HeaderChange[] = []
  for (const [k, nb] of gb) {
    const na = ga.get(k)
    if (!na) changes.push({ name: nb.name, kind: 'added', newValue: joined(nb) })
    else if (joined(na) !== joined(nb) || na.values.length !== nb.values.length)
      changes.push({ name: nb.name, kind: 'changed', oldValue: joined(na), newValue: joined(nb) })
  }
  for (const [k, na] of ga) {
    if (!gb.has(k)) changes.push({ name: na.name, kind: 'removed', oldValue: joined(na) })
  }
  const orderA = a.map(([n]) => n.toLowerCase()).join('\n')
  const orderB = b.map(([n]) => n.toLowerCase()).join('\n')
  return {
    identical: changes.length === 0 && orderA === orderB,
    changes,
    reordered: changes.length === 0 && orderA !== orderB,
  }
}
