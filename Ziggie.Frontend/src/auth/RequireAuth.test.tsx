import { describe, expect, it, vi, afterEach } from 'vitest'
import { render, screen, waitFor } from '@testing-library/react'
import { MemoryRouter, Route, Routes, useLocation } from 'react-router'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { AuthProvider } from './AuthContext'
import { RequireAdmin, RequireAuth } from './RequireAuth'
import { TOKEN_KEY, apiJson } from '../api/client'

function SignInProbe() {
  const state = useLocation().state as { from?: string; expired?: boolean } | null
  return <div data-testid="sign-in">sign-in from={state?.from} expired={String(!!state?.expired)}</div>
}

function Protected() {
  return <div data-testid="protected">secret page</div>
}

function renderAt(path: string, page = <Protected />) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <Routes>
            <Route path="/sign-in" element={<SignInProbe />} />
            <Route path="/chat" element={<RequireAuth>{page}</RequireAuth>} />
            <Route path="/users" element={<RequireAuth><RequireAdmin>{page}</RequireAdmin></RequireAuth>} />
          </Routes>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  )
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

const user = (role: string) => ({ id: '1', username: 'alice', role, is_active: true, created_at: '2026-01-01T00:00:00Z' })

afterEach(() => vi.unstubAllGlobals())

describe('auth guard', () => {
  it('sends a visitor without a token to sign-in, remembering the page', () => {
    vi.stubGlobal('fetch', vi.fn())

    renderAt('/chat')

    expect(screen.getByTestId('sign-in')).toHaveTextContent('from=/chat')
    expect(screen.queryByTestId('protected')).toBeNull()
  })

  it('shows the page to a signed-in user', async () => {
    localStorage.setItem(TOKEN_KEY, 'token')
    vi.stubGlobal('fetch', vi.fn(async () => json(200, user('user'))))

    renderAt('/chat')

    expect(await screen.findByTestId('protected')).toBeInTheDocument()
  })

  it('sends the bearer token from the one storage key', async () => {
    localStorage.setItem(TOKEN_KEY, 'the-token')
    const fetch = vi.fn(async () => json(200, user('user')))
    vi.stubGlobal('fetch', fetch)

    await apiJson('/api/auth/me')

    const headers = new Headers((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].headers)
    expect(headers.get('Authorization')).toBe('Bearer the-token')
  })

  it('ends an expired session: a 401 clears the token and goes back to sign-in', async () => {
    localStorage.setItem(TOKEN_KEY, 'expired-token')
    vi.stubGlobal('fetch', vi.fn(async () => json(401, { title: 'Unauthorized' })))

    renderAt('/chat')

    await waitFor(() => expect(screen.getByTestId('sign-in')).toHaveTextContent('expired=true'))
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull()
  })

  it('takes the role from the token while /api/auth/me fails (MongoDB down)', async () => {
    const claims = btoa(JSON.stringify({ sub: '65f000000000000000000001', unique_name: 'admin', role: 'admin' })).replace(/=+$/, '')
    localStorage.setItem(TOKEN_KEY, `header.${claims}.signature`)
    vi.stubGlobal('fetch', vi.fn(async () => json(503, { detail: 'MongoDB does not answer' })))

    renderAt('/users')

    expect(await screen.findByTestId('protected')).toBeInTheDocument()
  })

  it('opens admin pages from the token at once, without waiting for /api/auth/me', () => {
    const claims = btoa(JSON.stringify({ sub: '65f000000000000000000001', unique_name: 'admin', role: 'admin' })).replace(/=+$/, '')
    localStorage.setItem(TOKEN_KEY, `header.${claims}.signature`)
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>(() => {})))

    renderAt('/users')

    expect(screen.getByTestId('protected')).toBeInTheDocument()
  })

  it('keeps admin pages from other roles and says why', async () => {
    localStorage.setItem(TOKEN_KEY, 'token')
    vi.stubGlobal('fetch', vi.fn(async () => json(200, user('readonly'))))

    renderAt('/users')

    expect(await screen.findByText(/Only an admin can open this page/)).toBeInTheDocument()
    expect(screen.queryByTestId('protected')).toBeNull()
  })
})
