/** The accounts the browser tests sign in with (created by start-server.ts). */
export const E2E_USERS = {
  editor: { email: "editor@parley.test", name: "Esra Editor", role: "editor" as const, password: "e2e-editor-password" },
  other: { email: "other@parley.test", name: "Omar Other", role: "editor" as const, password: "e2e-other-password" },
  admin: { email: "admin@parley.test", name: "Ada Admin", role: "admin" as const, password: "e2e-admin-password" },
};
