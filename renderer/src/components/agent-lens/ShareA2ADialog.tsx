/**
 * `share a2a` from the inspector: agent URL → card fetched and push support checked (with the
 * reason when it is missing) → task typed or picked from captured A2A tasks → registered at
 * the public URL. Below, the configs Hooklens registered: list them on the agent, delete them.
 */
import { useEffect, useState } from 'react'
import type { A2AAgentCheck, A2ARegistrationView } from '../../../../shared/api'
import { useInspector } from '../../store/context'
import { errorText, useLensApi } from './lens-api'
import './agent-lens.css'

type Configs = Record<string, { text: string }>

function authHeaders(value: string): Record<string, string> | undefined {
  return value.trim() ? { Authorization: value.trim() } : undefined
}

export function ShareA2AButton() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button data-testid="share-a2a-open" onClick={() => setOpen(true)}>
        Share A2A…
      </button>
      {open && <ShareA2ADialog onClose={() => setOpen(false)} />}
    </>
  )
}

export function ShareA2ADialog({ onClose }: { onClose: () => void }) {
  const api = useLensApi()
  const tasks = useInspector((s) => s.events)
    .filter((e) => e.classification.platform === 'a2a' && e.classification.subject)
    .map((e) => e.classification.subject as string)
  const [agentUrl, setAgentUrl] = useState('')
  const [auth, setAuth] = useState('')
  const [check, setCheck] = useState<A2AAgentCheck | null>(null)
  const [taskId, setTaskId] = useState('')
  const [protocol, setProtocol] = useState('')
  const [tokenHeader, setTokenHeader] = useState('')
  const [publicUrl, setPublicUrl] = useState('')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [registrations, setRegistrations] = useState<A2ARegistrationView[]>([])
  const [configs, setConfigs] = useState<Configs>({})

  const refresh = () => void api?.listA2ARegistrations({}).then(setRegistrations)
  useEffect(refresh, [api])

  async function run(fn: () => Promise<void>) {
    setBusy(true)
    setMessage(null)
    try {
      await fn()
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) })
    } finally {
      setBusy(false)
    }
  }

  const checkAgent = () =>
    run(async () => {
      setCheck(await api!.checkA2AAgent({ agentUrl, headers: authHeaders(auth) }))
    })

  const register = () =>
    run(async () => {
      const out = await api!.shareA2A({
        agentUrl,
        taskId,
        headers: authHeaders(auth),
        ...(protocol ? { protocol: protocol as '1.0' | '0.3' } : {}),
        ...(tokenHeader ? { tokenHeader } : {}),
        ...(publicUrl.trim() ? { publicUrl: publicUrl.trim() } : {}),
      })
      setMessage({ ok: true, text: out.message })
      refresh()
    })

  const listConfigs = (r: A2ARegistrationView) =>
    run(async () => {
      const list = await api!.listA2APushConfigs({ id: r.id, headers: authHeaders(auth) })
      const text = list.length
        ? list
            .map((c) => `${c.id ?? '(no id)'} → ${c.url ?? '?'}${c.ours ? ' (ours)' : ''}`)
            .join('; ')
        : 'the agent holds no push config for this task'
      setConfigs((m) => ({ ...m, [r.id]: { text } }))
    })

  const remove = (r: A2ARegistrationView) =>
    run(async () => {
      const out = await api!.deleteA2ARegistration({ id: r.id, headers: authHeaders(auth) })
      setMessage({ ok: out.removed, text: out.message })
      refresh()
    })

  const canRegister = check && !check.problem && taskId.trim() !== '' && !busy
  return (
    <div className="lens-dialog-backdrop" onClick={onClose}>
      <div
        className="lens-dialog"
        role="dialog"
        aria-label="Share with an A2A agent"
        data-testid="share-a2a-dialog"
        onClick={(ev) => ev.stopPropagation()}
      >
        <h2>Point an A2A agent&apos;s push notifications at Hooklens</h2>
        <label>
          Agent URL
          <input
            data-testid="share-a2a-agent"
            value={agentUrl}
            placeholder="https://agent.example.com"
            onChange={(ev) => {
              setAgentUrl(ev.target.value)
              setCheck(null)
            }}
          />
        </label>
        <label>
          Agent auth (optional Authorization header, used for these calls only)
          <input value={auth} onChange={(ev) => setAuth(ev.target.value)} />
        </label>
        <button data-testid="share-a2a-check" disabled={!agentUrl || busy} onClick={checkAgent}>
          Fetch agent card
        </button>
        {check && (
          <p
            className={check.problem ? 'lens-problem' : 'lens-ok'}
            data-testid="share-a2a-check-result"
          >
            {check.problem ??
              `${check.agentName}: push notifications supported, A2A ${check.protocol}`}
          </p>
        )}
        {check && !check.problem && (
          <>
            <label>
              Task id
              <input
                data-testid="share-a2a-task"
                list="lens-a2a-tasks"
                value={taskId}
                onChange={(ev) => setTaskId(ev.target.value)}
              />
              <datalist id="lens-a2a-tasks">
                {[...new Set(tasks)].map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
            </label>
            <label>
              Protocol
              <select value={protocol} onChange={(ev) => setProtocol(ev.target.value)}>
                <option value="">from the card ({check.protocol})</option>
                <option value="1.0">A2A 1.0</option>
                <option value="0.3">A2A 0.3</option>
              </select>
            </label>
            <label>
              The agent&apos;s SDK sends its token in
              <select value={tokenHeader} onChange={(ev) => setTokenHeader(ev.target.value)}>
                <option value="">X-A2A-Notification-Token (Python, JS, Java)</option>
                <option value="A2A-Notification-Token">A2A-Notification-Token (Go)</option>
              </select>
            </label>
            <label>
              Register at (default: the tunnel&apos;s public URL; a fixed URL is not re-registered)
              <input
                data-testid="share-a2a-public-url"
                value={publicUrl}
                placeholder="the tunnel's URL"
                onChange={(ev) => setPublicUrl(ev.target.value)}
              />
            </label>
            <button data-testid="share-a2a-register" disabled={!canRegister} onClick={register}>
              Register
            </button>
          </>
        )}
        {message && (
          <p className={message.ok ? 'lens-ok' : 'lens-problem'} data-testid="share-a2a-message">
            {message.text}
          </p>
        )}
        <h3>Registered by Hooklens</h3>
        {registrations.length === 0 && <p className="dim">None yet.</p>}
        <ul data-testid="share-a2a-registrations">
          {registrations.map((r) => (
            <li key={r.id}>
              <span className="mono">{r.taskId}</span> with {r.agentName} (A2A {r.protocol}) →{' '}
              <span className="mono">{r.url}</span>{' '}
              <button className="link" disabled={busy} onClick={() => listConfigs(r)}>
                configs on agent
              </button>{' '}
              <button className="link" disabled={busy} onClick={() => remove(r)}>
                delete
              </button>
              {configs[r.id] && <div className="dim">{configs[r.id].text}</div>}
            </li>
          ))}
        </ul>
        <button onClick={onClose}>Close</button>
      </div>
    </div>
  )
}
