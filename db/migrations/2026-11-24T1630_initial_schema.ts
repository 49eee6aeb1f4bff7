// The whole domain of PRODUCT.md. Never edit this file once landed: add a new migration.
// Enumerations are spelled out here (not imported) so that the migration stays what it was
// even if the lists in enums.ts grow later.
import { type Kysely, sql } from "kysely";

const inList = (column: string, values: string[]) =>
  sql.raw(`check (${column} in (${values.map((v) => `'${v}'`).join(", ")}))`);

const DATE_PRECISIONS = ["day", "week", "month", "year"];
const versioned = sql.raw(`
  version integer not null default 1 check (version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table users (
      id serial primary key,
      email text not null unique check (email = lower(email) and email like '%_@_%'),
      name text not null,
      role text not null ${inList("role", ["editor", "admin"])},
      password_hash text not null,
      disabled_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table sources (
      id serial primary key,
      kind text not null ${inList("kind", ["news", "official_statement", "un_report", "ngo_report", "analysis", "social_media"])},
      publisher text not null check (publisher <> ''),
      title text not null check (title <> ''),
      author text,
      published_on date,
      date_precision text ${inList("date_precision", DATE_PRECISIONS)},
      url text check (url ~ '^https?://'),
      notes text,
      ${versioned},
      check ((published_on is null) = (date_precision is null))
    )`.execute(db);
  await sql`create index sources_published_idx on sources (published_on desc nulls last, id desc) where deleted_at is null`.execute(db);
  await sql`create index sources_kind_idx on sources (kind, published_on desc nulls last, id desc) where deleted_at is null`.execute(db);
  await sql`create index sources_publisher_idx on sources (publisher, id) where deleted_at is null`.execute(db);

  await sql`
    create table actors (
      id serial primary key,
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text not null check (name <> ''),
      short_name text,
      kind text not null ${inList("kind", ["state", "de_facto_authority", "armed_group", "organisation", "person"])},
      country_code char(2) check (country_code ~ '^[A-Z]{2}$'),
      description text not null default '',
      aliases text[] not null default '{}',
      ${versioned}
    )`.execute(db);
  await sql`create index actors_name_idx on actors (name, id) where deleted_at is null`.execute(db);
  await sql`create index actors_kind_idx on actors (kind, name, id) where deleted_at is null`.execute(db);

  await sql`
    create table processes (
      id serial primary key,
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text not null check (name <> ''),
      description text not null default '',
      ${versioned}
    )`.execute(db);

  await sql`
    create table venues (
      id serial primary key,
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      city text not null check (city <> ''),
      country text not null,
      country_code char(2) not null check (country_code ~ '^[A-Z]{2}$'),
      latitude double precision not null check (latitude between -90 and 90),
      longitude double precision not null check (longitude between -180 and 180),
      description text,
      ${versioned}
    )`.execute(db);
  await sql`create index venues_city_idx on venues (city, id) where deleted_at is null`.execute(db);

  await sql`
    create table rounds (
      id serial primary key,
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      process_id integer not null references processes (id),
      venue_id integer references venues (id),
      title text not null check (title <> ''),
      start_date date not null,
      start_precision text not null ${inList("start_precision", DATE_PRECISIONS)},
      end_date date,
      end_precision text ${inList("end_precision", DATE_PRECISIONS)},
      format text not null ${inList("format", ["direct", "mediated", "proximity", "shuttle", "virtual"])},
      outcome text not null ${inList("outcome", ["agreement", "partial_agreement", "no_agreement", "collapsed", "ongoing", "scheduled"])},
      summary text not null default '',
      ${versioned},
      check (end_date is null or end_date >= start_date),
      check ((end_date is null) = (end_precision is null))
    )`.execute(db);
  await sql`create index rounds_start_idx on rounds (start_date desc, id desc) where deleted_at is null`.execute(db);
  await sql`create index rounds_process_idx on rounds (process_id, start_date desc, id desc) where deleted_at is null`.execute(db);
  await sql`create index rounds_venue_idx on rounds (venue_id, start_date desc, id desc) where deleted_at is null`.execute(db);
  await sql`create index rounds_outcome_idx on rounds (outcome, start_date desc, id desc) where deleted_at is null`.execute(db);

  await sql`
    create table round_participants (
      round_id integer not null references rounds (id) on delete cascade,
      actor_id integer not null references actors (id),
      role text not null ${inList("role", ["mediator", "party", "host", "observer"])},
      note text,
      primary key (round_id, actor_id, role)
    )`.execute(db);
  await sql`create index round_participants_actor_idx on round_participants (actor_id, role, round_id)`.execute(db);

  await sql`
    create table commitments (
      id serial primary key,
      process_id integer not null references processes (id),
      round_id integer references rounds (id),
      title text not null check (title <> ''),
      wording text not null check (wording <> ''),
      kind text not null ${inList("kind", [
        "ceasefire", "armed_group_restraint", "non_targeting_civilians", "non_targeting_security_forces",
        "border_mechanism", "verification_mechanism", "trade", "humanitarian_access", "follow_up_talks", "other",
      ])},
      announced_on date,
      takes_effect_on date not null,
      takes_effect_precision text not null ${inList("takes_effect_precision", DATE_PRECISIONS)},
      expires_on date,
      fulfilled_on date,
      notes text,
      ${versioned},
      check (expires_on is null or expires_on >= takes_effect_on),
      check (fulfilled_on is null or fulfilled_on >= takes_effect_on)
    )`.execute(db);
  await sql`create index commitments_effect_idx on commitments (takes_effect_on desc, id desc) where deleted_at is null`.execute(db);
  await sql`create index commitments_round_idx on commitments (round_id, takes_effect_on desc, id desc) where deleted_at is null`.execute(db);
  await sql`create index commitments_process_idx on commitments (process_id, takes_effect_on desc, id desc) where deleted_at is null`.execute(db);
  await sql`create index commitments_kind_idx on commitments (kind, takes_effect_on desc, id desc) where deleted_at is null`.execute(db);

  await sql`
    create table commitment_parties (
      commitment_id integer not null references commitments (id) on delete cascade,
      actor_id integer not null references actors (id),
      primary key (commitment_id, actor_id)
    )`.execute(db);
  await sql`create index commitment_parties_actor_idx on commitment_parties (actor_id, commitment_id)`.execute(db);

  await sql`
    create table commitment_relations (
      commitment_id integer not null references commitments (id) on delete cascade,
      relation text not null ${inList("relation", ["reaffirms", "amends", "supersedes"])},
      related_commitment_id integer not null references commitments (id) on delete cascade,
      primary key (commitment_id, relation, related_commitment_id),
      check (commitment_id <> related_commitment_id)
    )`.execute(db);
  await sql`create index commitment_relations_related_idx on commitment_relations (related_commitment_id, relation)`.execute(db);

  await sql`
    create table incidents (
      id serial primary key,
      title text not null check (title <> ''),
      occurred_on date not null,
      date_precision text not null ${inList("date_precision", DATE_PRECISIONS)},
      ended_on date,
      kind text not null ${inList("kind", [
        "airstrike", "drone_strike", "cross_border_fire", "ground_assault", "militant_attack",
        "suicide_attack", "border_closure", "other",
      ])},
      country_code char(2) not null check (country_code ~ '^[A-Z]{2}$'),
      province text,
      district text,
      place_name text,
      latitude double precision check (latitude between -90 and 90),
      longitude double precision check (longitude between -180 and 180),
      location_precision text not null ${inList("location_precision", ["exact", "district", "province", "country"])},
      perpetrator_id integer references actors (id),
      summary text not null default '',
      ${versioned},
      check (ended_on is null or ended_on >= occurred_on),
      check ((latitude is null) = (longitude is null))
    )`.execute(db);
  await sql`create index incidents_date_idx on incidents (occurred_on desc, id desc) where deleted_at is null`.execute(db);
  await sql`create index incidents_kind_idx on incidents (kind, occurred_on desc, id desc) where deleted_at is null`.execute(db);
  await sql`create index incidents_country_idx on incidents (country_code, occurred_on desc, id desc) where deleted_at is null`.execute(db);
  await sql`create index incidents_province_idx on incidents (province, occurred_on desc, id desc) where deleted_at is null`.execute(db);
  await sql`create index incidents_perpetrator_idx on incidents (perpetrator_id, occurred_on desc, id desc) where deleted_at is null`.execute(db);

  await sql`
    create table claims (
      id serial primary key,
      incident_id integer not null references incidents (id),
      claimant_id integer not null references actors (id),
      source_id integer not null references sources (id),
      locator text,
      category text not null ${inList("category", ["civilians", "security_forces", "militants", "mixed", "unknown"])},
      killed_low integer check (killed_low >= 0),
      killed_high integer check (killed_high >= 0),
      injured_low integer check (injured_low >= 0),
      injured_high integer check (injured_high >= 0),
      rank text not null default 'normal' ${inList("rank", ["preferred", "normal", "deprecated"])},
      notes text,
      ${versioned},
      check (killed_low is null or killed_high is null or killed_low <= killed_high),
      check (injured_low is null or injured_high is null or injured_low <= injured_high),
      check (num_nonnulls(killed_low, killed_high, injured_low, injured_high) > 0)
    )`.execute(db);
  await sql`create index claims_incident_idx on claims (incident_id, id) where deleted_at is null`.execute(db);
  await sql`create index claims_claimant_idx on claims (claimant_id, id) where deleted_at is null`.execute(db);
  await sql`create index claims_source_idx on claims (source_id, id) where deleted_at is null`.execute(db);

  await sql`
    create table breaches (
      id serial primary key,
      commitment_id integer not null references commitments (id),
      incident_id integer not null references incidents (id),
      responsible_id integer references actors (id),
      alleged_by_id integer references actors (id),
      assessment text not null ${inList("assessment", ["alleged", "corroborated", "disputed", "rejected"])},
      reasoning text not null check (reasoning <> ''),
      ${versioned}
    )`.execute(db);
  await sql`create unique index breaches_pair_idx on breaches (commitment_id, incident_id) where deleted_at is null`.execute(db);
  await sql`create index breaches_incident_idx on breaches (incident_id, id) where deleted_at is null`.execute(db);
  await sql`create index breaches_responsible_idx on breaches (responsible_id, id) where deleted_at is null`.execute(db);
  await sql`create index breaches_assessment_idx on breaches (assessment, id) where deleted_at is null`.execute(db);

  // One row per (record, source). Nullable foreign keys, exactly one set, keep real referential
  // integrity where a polymorphic (type, id) pair would have none.
  await sql`
    create table citations (
      id serial primary key,
      source_id integer not null references sources (id),
      locator text,
      actor_id integer references actors (id) on delete cascade,
      process_id integer references processes (id) on delete cascade,
      round_id integer references rounds (id) on delete cascade,
      commitment_id integer references commitments (id) on delete cascade,
      incident_id integer references incidents (id) on delete cascade,
      breach_id integer references breaches (id) on delete cascade,
      check (num_nonnulls(actor_id, process_id, round_id, commitment_id, incident_id, breach_id) = 1)
    )`.execute(db);
  for (const col of ["source_id", "actor_id", "process_id", "round_id", "commitment_id", "incident_id", "breach_id"]) {
    await sql`create index ${sql.raw(`citations_${col}_idx`)} on citations (${sql.ref(col)})`.execute(db);
  }

  await sql`
    create table date_assertions (
      id serial primary key,
      round_id integer references rounds (id) on delete cascade,
      commitment_id integer references commitments (id) on delete cascade,
      incident_id integer references incidents (id) on delete cascade,
      field text not null ${inList("field", ["occurredOn", "startDate", "endDate", "takesEffectOn", "expiresOn"])},
      value date not null,
      precision text not null ${inList("precision", DATE_PRECISIONS)},
      source_id integer not null references sources (id),
      note text not null,
      check (num_nonnulls(round_id, commitment_id, incident_id) = 1)
    )`.execute(db);
  for (const col of ["round_id", "commitment_id", "incident_id", "source_id"]) {
    await sql`create index ${sql.raw(`date_assertions_${col}_idx`)} on date_assertions (${sql.ref(col)})`.execute(db);
  }

  // Revisions keep no foreign key to the record: history must outlive what it describes.
  await sql`
    create table revisions (
      id bigserial primary key,
      record_type text not null ${inList("record_type", ["actor", "process", "venue", "round", "commitment", "incident", "claim", "breach", "source"])},
      record_id integer not null,
      action text not null ${inList("action", ["create", "update", "delete", "restore"])},
      user_id integer references users (id),
      summary text not null,
      before jsonb,
      after jsonb,
      created_at timestamptz not null default now(),
      check (action = 'create' or before is not null),
      check (action = 'delete' or after is not null)
    )`.execute(db);
  await sql`create index revisions_record_idx on revisions (record_type, record_id, id desc)`.execute(db);
  await sql`create index revisions_recent_idx on revisions (id desc)`.execute(db);
  await sql`create index revisions_user_idx on revisions (user_id, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "revisions", "date_assertions", "citations", "breaches", "claims", "incidents", "commitment_relations",
    "commitment_parties", "commitments", "round_participants", "rounds", "venues", "processes", "actors",
    "sources", "users",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
