import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { clearToken, getToken, setToken, setUnauthorizedHandler } from '../api/client'
import { getMe, login } from '../api/auth'
import type { User } from '../api/types'
import { userFromToken } from './tokenClaims'

interface Auth {
  token: string | null
  user?: User
  /** The backend refused the token: the guard says so on the sign-in page. */
  expired: boolean
  signIn: (username: string, password: string) => Promise<void>
  signOut: () => void
}

const AuthContext = createContext<Auth | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setTokenState] = useState(getToken)
  const [expired, setExpired] = useState(false)
  const queryClient = useQueryClient()
  const navigate = useNavigate()

  // Any request whose token the backend refuses ends the session; the guard then goes to sign-in.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      setExpired(true)
      setTokenState(null)
      queryClient.clear()
    })
  }, [queryClient])

  // Never retried: the shell does not wait for it (below), and a failure changes nothing on the page.
  const me = useQuery({ queryKey: ['me', token], queryFn: getMe, enabled: !!token, staleTime: 60_000, retry: false })

  const signIn = useCallback(async (username: string, password: string) => {
    const issued = await login(username, password)
    setToken(issued.access_token)
    setExpired(false)
    setTokenState(issued.access_token)
  }, [])

  const signOut = useCallback(() => {
    clearToken()
    setExpired(false)
    setTokenState(null)
    queryClient.clear()
    navigate('/sign-in', { replace: true })
  }, [navigate, queryClient])

  // The token's claims paint the menu and the name at once; /me refreshes them (email, names) when it answers.
  const user = useMemo(() => me.data ?? userFromToken(token), [me.data, token])
  const value = useMemo(() => ({ token, user, expired, signIn, signOut }), [token, user, expired, signIn, signOut])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext)
  if (!auth) throw new Error('useAuth needs an <AuthProvider> above it.')
  return auth
}
