import { Route, Routes } from 'react-router'
import { Layout } from './components/Layout'
import { RequireAdmin, RequireAuth } from './auth/RequireAuth'
import { SignInPage } from './pages/SignIn/SignInPage'
import { DashboardPage } from './pages/Dashboard/DashboardPage'
import { LlmTestPage } from './pages/LlmTest/LlmTestPage'
import { ChatPage } from './pages/Chat/ChatPage'
import { ModelsPage } from './pages/Models/ModelsPage'
import { UsersPage } from './pages/Users/UsersPage'
import { SystemPage } from './pages/System/SystemPage'
import { ApiKeysPage } from './pages/ApiKeys/ApiKeysPage'

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route
        element={
          <RequireAuth>
            <Layout />
          </RequireAuth>
        }
      >
        <Route index element={<DashboardPage />} />
        <Route path="llm-test" element={<LlmTestPage />} />
        {/* One route with an optional id: starting a chat changes the URL without remounting the page mid-stream. */}
        <Route path="chat/:id?" element={<ChatPage />} />
        <Route path="models" element={<RequireAdmin><ModelsPage /></RequireAdmin>} />
        <Route path="users" element={<RequireAdmin><UsersPage /></RequireAdmin>} />
        <Route path="system" element={<SystemPage />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="*" element={<DashboardPage />} />
      </Route>
    </Routes>
  )
}
