/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// Aspire injects the backend's address for `.WithReference(backend)`; nothing else may name it.
const BACKEND_VARIABLE = 'services__backend__http__0'

export default defineConfig(({ command, mode }) => {
  const backend = process.env[BACKEND_VARIABLE]
  const serving = command === 'serve' && mode !== 'test'
  if (serving && !backend) {
    throw new Error(
      `${BACKEND_VARIABLE} is not set, so the dev server does not know where the backend is. ` +
        'Start the front end through the AppHost: dotnet run --project Ziggie.AppHost ' +
        `(or set ${BACKEND_VARIABLE}=http://127.0.0.1:<backend port> yourself).`,
    )
  }

  return {
    plugins: [react()],
    server: {
      // The AppHost gives the port in PORT and proxies host port 3001 to it.
      port: Number(process.env.PORT) || 5173,
      strictPort: true,
      host: '127.0.0.1',
      proxy: backend
        ? {
            '/api': { target: backend, changeOrigin: true },
            '/ws': { target: backend, changeOrigin: true, ws: true },
          }
        : undefined,
    },
    // One bundle for an app people open on their own machine; MUI makes it larger than Vite's web-site default.
    build: { chunkSizeWarningLimit: 1500 },
    test: {
      environment: 'jsdom',
      setupFiles: ['./src/test/setup.ts'],
      include: ['src/**/*.test.{ts,tsx}'],
    },
  }
})
