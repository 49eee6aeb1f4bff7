// The database schema as Kysely sees it. Hand-kept: change it in the same commit as the migration.
// Dates are plain "YYYY-MM-DD" strings and timestamps ISO strings on both engines (see connection.ts).
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type {
  ActorKind,
  BreachAssessment,
  ClaimCategory,
  ClaimRank,
  CommitmentKind,
  CommitmentRelation,
  DatePrecision,
  IncidentKind,
  LocationPrecision,
  ParticipantRole,
  RecordType,
  RevisionAction,
  RoundFormat,
  RoundOutcome,
  SourceKind,
  UserRole,
} from "./enums";

/** A timestamp the database defaults: optional on insert, an ISO string when read. */
type Timestamp = ColumnType<string, string | undefined, string>;
type Json = ColumnType<unknown, string | null, string | null>;

/** The generated full-text column (see migration 2026-11-24T1800_search): read-only, and not worth selecting. */
type SearchVector = ColumnType<string, never, never>;

/** Columns every editable record carries: optimistic-concurrency version and soft deletion. */
interface Versioned {
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: UserRole;
  password_hash: string;
  disabled_at: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

/** One sign-in attempt; `ip` is null when the client's address is unknown. */
export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string | null;
  succeeded: Generated<boolean>;
  attempted_at: Timestamp;
}

export interface SourcesTable extends Versioned {
  id: Generated<number>;
  kind: SourceKind;
  publisher: string;
  title: string;
  author: string | null;
  published_on: string | null;
  date_precision: DatePrecision | null;
  url: string | null;
  notes: string | null;
  search: SearchVector;
}

export interface ActorsTable extends Versioned {
  id: Generated<number>;
  slug: string;
  name: string;
  short_name: string | null;
  kind: ActorKind;
  country_code: string | null;
  description: string;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  search: SearchVector;
}

export interface ProcessesTable extends Versioned {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
}

export interface VenuesTable extends Versioned {
  id: Generated<number>;
  slug: string;
  city: string;
  country: string;
  country_code: string;
  latitude: number;
  longitude: number;
  description: string | null;
  search: SearchVector;
}

export interface RoundsTable extends Versioned {
  id: Generated<number>;
  slug: string;
  process_id: number;
  venue_id: number | null;
  title: string;
  start_date: string;
  start_precision: DatePrecision;
  end_date: string | null;
  end_precision: DatePrecision | null;
  format: RoundFormat;
  outcome: RoundOutcome;
  summary: string;
  search: SearchVector;
}

export interface RoundParticipantsTable {
  round_id: number;
  actor_id: number;
  role: ParticipantRole;
  note: string | null;
  /** The round's start date, kept by triggers (migration 2026-11-25T0100) for ordering an actor's rounds. */
  round_start_date: Generated<string>;
}

export interface CommitmentsTable extends Versioned {
  id: Generated<number>;
  process_id: number;
  round_id: number | null;
  title: string;
  wording: string;
  kind: CommitmentKind;
  announced_on: string | null;
  takes_effect_on: string;
  takes_effect_precision: DatePrecision;
  expires_on: string | null;
  fulfilled_on: string | null;
  notes: string | null;
  search: SearchVector;
}

export interface CommitmentPartiesTable {
  commitment_id: number;
  actor_id: number;
}

export interface CommitmentRelationsTable {
  commitment_id: number;
  relation: CommitmentRelation;
  related_commitment_id: number;
}

export interface IncidentsTable extends Versioned {
  id: Generated<number>;
  title: string;
  occurred_on: string;
  date_precision: DatePrecision;
  ended_on: string | null;
  kind: IncidentKind;
  country_code: string;
  province: string | null;
  district: string | null;
  place_name: string | null;
  latitude: number | null;
  longitude: number | null;
  location_precision: LocationPrecision;
  perpetrator_id: number | null;
  summary: string;
  search: SearchVector;
}

export interface ClaimsTable extends Versioned {
  id: Generated<number>;
  incident_id: number;
  claimant_id: number;
  source_id: number;
  locator: string | null;
  category: ClaimCategory;
  /** Whose people the figure counts; null when the claim does not say. */
  affected_id: number | null;
  killed_low: number | null;
  killed_high: number | null;
  injured_low: number | null;
  injured_high: number | null;
  rank: ClaimRank;
  notes: string | null;
}

export interface BreachesTable extends Versioned {
  id: Generated<number>;
  commitment_id: number;
  incident_id: number;
  responsible_id: number | null;
  alleged_by_id: number | null;
  assessment: BreachAssessment;
  reasoning: string;
}

/** A citation ties exactly one record (one of the nullable foreign keys) to a source. */
export interface CitationsTable {
  id: Generated<number>;
  source_id: number;
  locator: string | null;
  actor_id: number | null;
  process_id: number | null;
  round_id: number | null;
  commitment_id: number | null;
  incident_id: number | null;
  breach_id: number | null;
}

/** A date one source gives for a record where sources disagree. */
export interface DateAssertionsTable {
  id: Generated<number>;
  round_id: number | null;
  commitment_id: number | null;
  incident_id: number | null;
  field: string;
  value: string;
  precision: DatePrecision;
  source_id: number;
  note: string;
}

export interface RevisionsTable {
  id: Generated<number>;
  record_type: RecordType;
  record_id: number;
  action: RevisionAction;
  user_id: number | null;
  summary: string;
  before: Json;
  after: Json;
  /** Shared by the revisions one editor action wrote (null for imports). */
  change_id: number | null;
  created_at: Timestamp;
}

/** A spelling of a place or name that unaccent cannot fold into the one Parley uses (Khowst → Khost). */
export interface SearchSynonymsTable {
  term: string;
  canonical: string;
}

/** Query rewrite rules derived from search.synonyms by a trigger; never written directly. */
export interface SearchRewritesTable {
  step: number;
  target: string;
  substitute: string;
}

export interface Database {
  users: UsersTable;
  login_attempts: LoginAttemptsTable;
  sources: SourcesTable;
  actors: ActorsTable;
  processes: ProcessesTable;
  venues: VenuesTable;
  rounds: RoundsTable;
  round_participants: RoundParticipantsTable;
  commitments: CommitmentsTable;
  commitment_parties: CommitmentPartiesTable;
  commitment_relations: CommitmentRelationsTable;
  incidents: IncidentsTable;
  claims: ClaimsTable;
  breaches: BreachesTable;
  citations: CitationsTable;
  date_assertions: DateAssertionsTable;
  revisions: RevisionsTable;
  "search.synonyms": SearchSynonymsTable;
  "search.rewrites": SearchRewritesTable;
}

export type Round = Selectable<RoundsTable>;
export type NewRound = Insertable<RoundsTable>;
export type RoundUpdate = Updateable<RoundsTable>;
export type Commitment = Selectable<CommitmentsTable>;
export type Incident = Selectable<IncidentsTable>;
export type Actor = Selectable<ActorsTable>;
export type Venue = Selectable<VenuesTable>;
export type Source = Selectable<SourcesTable>;
