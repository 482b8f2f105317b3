/** Inspector entry: pick the API client, create the store, render, start listening. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './styles.css'
import { pickClient } from './api-client'
import { App } from './components/App'
import { StoreProvider } from './store/context'
import { LensApiProvider } from './components/agent-lens/lens-api'
import { createInspectorStore, type InspectorStore } from './store/inspector-store'

let store: InspectorStore | null = null
const api = pickClient(() => void store?.getState().resync())
store = createInspectorStore(api, { storage: safeStorage() })
void store.getState().init()

function safeStorage() {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <LensApiProvider api={api}>
        <App />
      </LensApiProvider>
    </StoreProvider>
  </StrictMode>,
)
