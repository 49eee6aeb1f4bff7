// Checks the shipped data file before it is loaded or committed:
//   npx tsx scripts/check-dataset.ts [path/to/file.json]
// 1. parses it with the zod schema and prints every issue with its path;
// 2. prints broken or duplicate references (datasetReferenceProblems);
// 3. checks a few domain rules the loader and the status rule rely on (see README in db/dataset);
// then prints counts per record type. Exits 1 if anything is wrong.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { datasetReferenceProblems, datasetSchema, type Dataset } from "../db/dataset/schema";

const file = resolve(process.argv[2] ?? "db/dataset/pak-afg-2025.json");

let raw: unknown;
try {
  raw = JSON.parse(readFileSync(file, "utf8"));
} catch (error) {
  console.error(`Cannot read ${file} as JSON: ${(error as Error).message}`);
  process.exit(1);
}

const parsed = datasetSchema.safeParse(raw);
if (!parsed.success) {
  console.error(`Schema: ${parsed.error.issues.length} problem(s) in ${file}`);
  for (const issue of parsed.error.issues) {
    const path = issue.path.length ? issue.path.join(".") : "(root)";
    console.error(`  ${path}: ${issue.message}`);
  }
  process.exit(1);
}
const data = parsed.data;
console.log(`Schema: OK (${file})`);

const referenceProblems = datasetReferenceProblems(data);
if (referenceProblems.length) {
  console.error(`References: ${referenceProblems.length} problem(s)`);
  for (const p of referenceProblems) console.error(`  ${p}`);
} else {
  console.log("References: OK");
}

const ruleProblems = domainRuleProblems(data);
if (ruleProblems.length) {
  console.error(`Domain rules: ${ruleProblems.length} problem(s)`);
  for (const p of ruleProblems) console.error(`  ${p}`);
} else {
  console.log("Domain rules: OK");
}

console.log("Counts:");
const counts: Record<string, number> = {
  sources: data.sources.length,
  actors: data.actors.length,
  venues: data.venues.length,
  processes: data.processes.length,
  rounds: data.rounds.length,
  commitments: data.commitments.length,
  incidents: data.incidents.length,
  claims: data.claims.length,
  breaches: data.breaches.length,
};
for (const [type, n] of Object.entries(counts)) console.log(`  ${type.padEnd(12)} ${n}`);
const alternativeDates = [...data.rounds, ...data.commitments, ...data.incidents].reduce(
  (n, r) => n + (r.alternativeDates?.length ?? 0),
  0,
);
console.log(`  ${"alt. dates".padEnd(12)} ${alternativeDates}`);

process.exit(referenceProblems.length || ruleProblems.length ? 1 : 0);

/** Rules that zod and the reference check cannot see but the database and the status rule depend on. */
function domainRuleProblems(d: Dataset): string[] {
  const problems: string[] = [];

  // round_participants has primary key (round, actor, role): the same pair twice would abort the load.
  for (const r of d.rounds) {
    const seen = new Set<string>();
    for (const p of r.participants) {
      const k = `${p.actor}|${p.role}`;
      if (seen.has(k)) problems.push(`round ${r.slug}: participant ${p.actor} is listed twice as ${p.role}`);
      seen.add(k);
    }
  }

  const commitments = new Map(d.commitments.map((c) => [c.key, c]));
  const incidents = new Map(d.incidents.map((i) => [i.key, i]));
  for (const c of d.commitments) {
    if (new Set(c.boundActors).size !== c.boundActors.length) problems.push(`commitment ${c.key}: an actor is bound twice`);
    if (c.fulfilledOn && c.fulfilledOn < c.takesEffectOn) problems.push(`commitment ${c.key}: fulfilledOn is before takesEffectOn`);
    for (const rel of c.relations ?? []) {
      if (rel.to === c.key) problems.push(`commitment ${c.key}: relates to itself`);
      const other = commitments.get(rel.to);
      if (other && other.takesEffectOn > c.takesEffectOn) {
        problems.push(`commitment ${c.key}: ${rel.relation} ${rel.to}, which takes effect later`);
      }
    }
  }

  // A breach only counts if the incident falls inside the commitment's term.
  d.breaches.forEach((b, n) => {
    const c = commitments.get(b.commitment);
    const i = incidents.get(b.incident);
    if (!c || !i) return; // already reported as a reference problem
    const where = `breach #${n + 1} (${b.commitment} / ${b.incident})`;
    if (i.occurredOn < c.takesEffectOn) problems.push(`${where}: incident on ${i.occurredOn} is before the commitment takes effect (${c.takesEffectOn})`);
    if (c.expiresOn && i.occurredOn > c.expiresOn) problems.push(`${where}: incident on ${i.occurredOn} is after the commitment expires (${c.expiresOn})`);
  });

  // Arrays are kept in chronological order so that diffs and reading order stay stable.
  const ordered = <T>(label: string, list: T[], date: (x: T) => string, id: (x: T) => string) => {
    for (let k = 1; k < list.length; k++) {
      if (date(list[k]) < date(list[k - 1])) {
        problems.push(`${label} ${id(list[k])} (${date(list[k])}) comes after ${id(list[k - 1])} (${date(list[k - 1])}): keep ${label}s in date order`);
      }
    }
  };
  ordered("round", d.rounds, (r) => r.startDate, (r) => r.slug);
  ordered("commitment", d.commitments, (c) => c.takesEffectOn, (c) => c.key);
  ordered("incident", d.incidents, (i) => i.occurredOn, (i) => i.key);

  return problems;
}
