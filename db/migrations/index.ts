// An in-code migration provider: FileMigrationProvider cannot load .ts files under vitest on
// Node 20, and the Remix server bundle has no migration folder to read. Add each new migration here.
import type { Migration, MigrationProvider } from "kysely";
import * as m20261124T1630 from "./2026-11-24T1630_initial_schema";
import * as m20261124T1700 from "./2026-11-24T1700_breach_alleged_by_index";
import * as m20261124T1720 from "./2026-11-24T1720_revision_changes";
import * as m20261124T1730 from "./2026-11-24T1730_claim_affected_side";
import * as m20261124T1740 from "./2026-11-24T1740_accounts";
import * as m20261124T1800 from "./2026-11-24T1800_search";
import * as m20261124T1850 from "./2026-11-24T1850_commitment_breach_facts";
import * as m20261124T1851 from "./2026-11-24T1851_source_sort_keys";
import * as m20261124T1852 from "./2026-11-24T1852_breach_incident_date";
import * as m20261124T1853 from "./2026-11-24T1853_record_tallies";
import * as m20261124T1854 from "./2026-11-24T1854_incident_place_index";
import * as m20261124T1900 from "./2026-11-24T1900_analysis_summaries";
import * as m20261124T1905 from "./2026-11-24T1905_analysis_breach_buckets";
import * as m20261124T1915 from "./2026-11-24T1915_title_sort_indexes";
import * as m20261124T1930 from "./2026-11-24T1930_group_tallies";
import * as m20261124T2000 from "./2026-11-24T2000_data_version";
import * as m20261125T0100 from "./2026-11-25T0100_participant_round_dates";
import * as m20261125T0600 from "./2026-11-25T0600_claim_incident_dates";

export const migrations: Record<string, Migration> = {
  "2026-11-24T1630_initial_schema": m20261124T1630,
  "2026-11-24T1700_breach_alleged_by_index": m20261124T1700,
  "2026-11-24T1720_revision_changes": m20261124T1720,
  "2026-11-24T1730_claim_affected_side": m20261124T1730,
  "2026-11-24T1740_accounts": m20261124T1740,
  "2026-11-24T1800_search": m20261124T1800,
  "2026-11-24T1850_commitment_breach_facts": m20261124T1850,
  "2026-11-24T1851_source_sort_keys": m20261124T1851,
  "2026-11-24T1852_breach_incident_date": m20261124T1852,
  "2026-11-24T1853_record_tallies": m20261124T1853,
  "2026-11-24T1854_incident_place_index": m20261124T1854,
  "2026-11-24T1900_analysis_summaries": m20261124T1900,
  "2026-11-24T1905_analysis_breach_buckets": m20261124T1905,
  "2026-11-24T1915_title_sort_indexes": m20261124T1915,
  "2026-11-24T1930_group_tallies": m20261124T1930,
  "2026-11-24T2000_data_version": m20261124T2000,
  "2026-11-25T0100_participant_round_dates": m20261125T0100,
  "2026-11-25T0600_claim_incident_dates": m20261125T0600,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
