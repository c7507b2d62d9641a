import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { Alert } from '@mui/material'
import { useAuth } from './AuthContext'

/** Pages behind sign-in: without a token, go to /sign-in and come back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { token, expired } = useAuth()
  const location = useLocation()
  if (!token) return <Navigate to="/sign-in" replace state={{ from: location.pathname, expired }} />
  return <>{children}</>
}

/** Admin pages: the backend refuses other roles anyway; this says so before asking it. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { user } = useAuth()
  if (!user) return null
  if (user.role !== 'admin') return <Alert severity="warning">Only an admin can open this page. You are signed in as {user.username} ({user.role}).</Alert>
  return <>{children}</>
}
