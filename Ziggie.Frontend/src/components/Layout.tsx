import { NavLink, Outlet } from 'react-router'
import { AppBar, Box, Button, Drawer, List, ListItemButton, ListItemIcon, ListItemText, Toolbar, Typography } from '@mui/material'
import DashboardIcon from '@mui/icons-material/Dashboard'
import ScienceIcon from '@mui/icons-material/Science'
import ChatIcon from '@mui/icons-material/Chat'
import StorageIcon from '@mui/icons-material/Storage'
import PeopleIcon from '@mui/icons-material/People'
import MemoryIcon from '@mui/icons-material/Memory'
import KeyIcon from '@mui/icons-material/Key'
import { useAuth } from '../auth/AuthContext'

const drawerWidth = 210

const pages = [
  { to: '/', label: 'Dashboard', icon: <DashboardIcon />, admin: false },
  { to: '/llm-test', label: 'LLM Test', icon: <ScienceIcon />, admin: false },
  { to: '/chat', label: 'Chat', icon: <ChatIcon />, admin: false },
  { to: '/models', label: 'Models', icon: <StorageIcon />, admin: true },
  { to: '/users', label: 'Users', icon: <PeopleIcon />, admin: true },
  { to: '/system', label: 'System', icon: <MemoryIcon />, admin: false },
  { to: '/api-keys', label: 'API keys', icon: <KeyIcon />, admin: false },
]

export function Layout() {
  const { user, signOut } = useAuth()
  const visible = pages.filter((p) => !p.admin || user?.role === 'admin')
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1 }}>
        <Toolbar>
          <Typography variant="h6" sx={{ flexGrow: 1, fontWeight: 700 }}>
            Ziggie Control Center
          </Typography>
          {user && (
            <Typography data-testid="signed-in-user" sx={{ mr: 2 }}>
              {user.username} · {user.role}
            </Typography>
          )}
          <Button color="inherit" onClick={signOut}>
            Sign out
          </Button>
        </Toolbar>
      </AppBar>
      <Drawer variant="permanent" sx={{ width: drawerWidth, [`& .MuiDrawer-paper`]: { width: drawerWidth, boxSizing: 'border-box' } }}>
        <Toolbar />
        <List component="nav">
          {visible.map((page) => (
            <ListItemButton key={page.to} component={NavLink} to={page.to} end={page.to === '/'} sx={{ '&.active': { bgcolor: 'action.selected', fontWeight: 700 } }}>
              <ListItemIcon sx={{ minWidth: 40 }}>{page.icon}</ListItemIcon>
              <ListItemText primary={page.label} />
            </ListItemButton>
          ))}
        </List>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, p: 3, bgcolor: '#f4f6f8', minWidth: 0 }}>
        <Toolbar />
        <Outlet />
      </Box>
    </Box>
  )
}
