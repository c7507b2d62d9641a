import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { CssBaseline, ThemeProvider, createTheme } from '@mui/material'
import { AuthProvider } from './auth/AuthContext'
import { App } from './App'
import { ApiError } from './api/client'

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Only a backend that did not answer at all is asked again. An answer (4xx, or a 503 saying MongoDB is down)
      // carries its reason, and the page shows it at once instead of after the retries' back-off.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status !== 0),
      refetchOnWindowFocus: false,
    },
  },
})

const theme = createTheme({ palette: { primary: { main: '#1565c0' } }, shape: { borderRadius: 8 } })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AuthProvider>
            <App />
          </AuthProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </ThemeProvider>
  </StrictMode>,
)
