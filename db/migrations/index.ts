// An in-code migration provider: FileMigrationProvider cannot load .ts files under vitest on
// Node 20, and the Remix server bundle has no migration folder to read. Add each new migration here.
import type { Migration, MigrationProvider } from "kysely";
import * as m20261124T1630 from "./2026-11-24T1630_initial_schema";
import * as m20261124T1700 from "./2026-11-24T1700_breach_alleged_by_index";
import * as m20261124T1720 from "./2026-11-24T1720_revision_changes";
import * as m20261124T1730 from "./2026-11-24T1730_claim_affected_side";
import * as m20261124T1740 from "./2026-11-24T1740_accounts";
import * as m20261124T1800 from "./2026-11-24T1800_search";

export const migrations: Record<string, Migration> = {
  "2026-11-24T1630_initial_schema": m20261124T1630,
  "2026-11-24T1700_breach_alleged_by_index": m20261124T1700,
  "2026-11-24T1720_revision_changes": m20261124T1720,
  "2026-11-24T1730_claim_affected_side": m20261124T1730,
  "2026-11-24T1740_accounts": m20261124T1740,
  "2026-11-24T1800_search": m20261124T1800,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
