/**
 * The Agent lens components' access to the API: the same client the store uses, handed down
 * by a provider (main.tsx), plus the stalls pushed since the inspector opened.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import type { HooklensApi, SubjectStall } from '../../../../shared/api'

const LensApiContext = createContext<HooklensApi | null>(null)

export function LensApiProvider({ api, children }: { api: HooklensApi; children: ReactNode }) {
  return <LensApiContext.Provider value={api}>{children}</LensApiContext.Provider>
}

export function useLensApi(): HooklensApi | null {
  return useContext(LensApiContext)
}

/** Stalls pushed while this window is open, newest last; `dismiss` forgets one. */
export function useStalls(): [SubjectStall[], (s: SubjectStall) => void] {
  const api = useLensApi()
  const [stalls, setStalls] = useState<SubjectStall[]>([])
  useEffect(() => {
    if (!api) return
    return api.subscribe((push) => {
      if (push.type === 'subjectStalled') {
        const s = push.payload
        setStalls((list) => [...list.filter((x) => x.lastEventId !== s.lastEventId), s].slice(-5))
      }
    })
  }, [api])
  return [stalls, (s) => setStalls((list) => list.filter((x) => x !== s))]
}

/** "tunnel URL changed: re-registered A2A task …" notes pushed while this window is open. */
export function useReregistrations(): [{ ok: boolean; message: string }[], () => void] {
  const api = useLensApi()
  const [notes, setNotes] = useState<{ ok: boolean; message: string }[]>([])
  useEffect(() => {
    if (!api) return
    return api.subscribe((push) => {
      if (push.type === 'a2aReregistered') {
        const { ok, message } = push.payload
        setNotes((list) => [...list, { ok, message }].slice(-5))
      }
    })
  }, [api])
  return [notes, () => setNotes([])]
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
