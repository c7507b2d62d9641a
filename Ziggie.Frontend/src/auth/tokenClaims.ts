import type { User } from '../api/types'

/**
 * Who the token says you are. The backend checks tokens without MongoDB, so generation keeps working while
 * the database is down; the page then still knows the user's name and role, though /api/auth/me fails.
 */
export function userFromToken(token: string | null): User | undefined {
  const payload = token?.split('.')[1]
  if (!payload) return undefined
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, string>
    if (!claims.sub || !claims.role) return undefined
    return { id: claims.sub, username: claims.unique_name ?? '', role: claims.role as User['role'], is_active: true, source: 'token' }
  } catch {
    return undefined
  }
}
