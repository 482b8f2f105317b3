/** React access to the inspector store: a provider and a selector hook. */
import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { InspectorState, InspectorStore } from './store-types'

const StoreContext = createContext<InspectorStore | null>(null)

export function StoreProvider({ store, children }: { store: InspectorStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

export function useInspectorStore(): InspectorStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('StoreProvider missing')
  return store
}

export function useInspector<T>(selector: (s: InspectorState) => T): T {
  return useStore(useInspectorStore(), selector)
}
