import { apiJson } from './client'
import type { User } from './types'

export interface IssuedToken {
  access_token: string
  token_type: 'bearer'
  expires_in: number
}

export const login = (username: string, password: string) =>
  apiJson<IssuedToken>('/api/auth/login', { method: 'POST', json: { username, password } })

export const getMe = () => apiJson<User>('/api/auth/me')

export const listUsers = () => apiJson<User[]>('/api/auth/users')

export interface NewUser {
  username: string
  password: string
  role: User['role']
  email?: string
}

export const createUser = (user: NewUser) => apiJson<User>('/api/auth/users', { method: 'POST', json: user })

export const setUserActive = (id: string, isActive: boolean) =>
  apiJson<User>(`/api/auth/users/${id}`, { method: 'PUT', json: { is_active: isActive } })
