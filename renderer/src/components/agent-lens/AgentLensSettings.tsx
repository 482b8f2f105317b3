/** Settings of the Agent lens: when a task counts as stalled, what counts as a retry storm. */
import { useEffect, useState } from 'react'
import { errorText, useLensApi } from './lens-api'

interface LensSettings {
  stallAfterMs: number
  retryStormCount: number
  retryStormWindowMs: number
}

export function AgentLensSettings() {
  const api = useLensApi()
  const [current, setCurrent] = useState<LensSettings | null>(null)
  const [stallS, setStallS] = useState('')
  const [note, setNote] = useState('')
  useEffect(() => {
    void api?.getSettings({}).then((s) => {
      const lens = (s as { agentLens?: LensSettings }).agentLens ?? null
      setCurrent(lens)
      if (lens) setStallS(String(lens.stallAfterMs / 1000))
    })
  }, [api])
  if (!api || !current) return null
  async function save() {
    const seconds = Number(stallS)
    if (!Number.isFinite(seconds) || seconds < 1) return setNote('Enter a number of seconds ≥ 1.')
    try {
      const next = { ...current!, stallAfterMs: Math.round(seconds * 1000) }
      await api!.updateSettings({ patch: { agentLens: next } })
      setCurrent(next)
      setNote('Saved.')
    } catch (err) {
      setNote(errorText(err))
    }
  }
  return (
    <section data-testid="agent-lens-settings">
      <h2>Agent lens</h2>
      <label>
        A task is stalled after no update for{' '}
        <input
          data-testid="stall-after"
          size={6}
          value={stallS}
          onChange={(ev) => setStallS(ev.target.value)}
        />{' '}
        s
      </label>{' '}
      <button onClick={() => void save()}>Save</button> <span className="dim">{note}</span>
      <p className="dim">
        Retry storm: the same key {current.retryStormCount} times in{' '}
        {current.retryStormWindowMs / 1000} s.
      </p>
    </section>
  )
}
