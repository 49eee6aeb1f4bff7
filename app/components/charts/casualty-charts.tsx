// Casualties with their disagreement: for each month (or week) and each incident, one bar per
// group of claims counting the same people (one category on one side) from the lowest to the
// highest figure claimed, and each claimant's own figure as a mark with a whisker up to its high.
// Never one averaged number, never one range across sides. The tables list every figure, with its
// claimant.
import { useNavigate } from "@remix-run/react";
import { Link } from "~/components/link";
import { Bar, CartesianGrid, ComposedChart, ErrorBar, Legend, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { enumLabel } from "@db/enums";
import { ClaimGroupName, claimGroupLabel } from "~/components/claims";
import type { Bucket, CasualtyGroup, ClaimantRange, ClaimFigure, IncidentCasualties, PeriodGroupRange } from "~/models/analytics.server";
import { formatDate } from "~/utils/dates";
import { ChartFrame, dayLabel, dayNumber, formatClaim, formatRange, legendText, plural, SERIES_COLOURS, SERIES_SHAPES } from "./chart-kit";
import { bucketLabel, incidentsHref } from "./timeline-chart";

interface RangeRow {
  key: string;
  /** Axis label. */
  label: string;
  /** What the tooltip names. */
  title: string;
  href: string;
  killedLow: number | null;
  killedHigh: number | null;
  claimants: ClaimantRange[];
}

function ClaimRangeChart({ rows }: { rows: RangeRow[] }) {
  const navigate = useNavigate();
  const claimants = [...new Map(rows.flatMap((r) => r.claimants.map((c) => [c.claimant.slug, c.claimant.name] as const))).entries()].sort((a, b) =>
    a[1].localeCompare(b[1]),
  );
  const data = rows.map((r) => {
    const point: Record<string, unknown> = {
      label: r.label,
      title: r.title,
      href: r.href,
      // Stacked: the lowest claim, then the rest of the way to the highest.
      low: r.killedHigh == null ? null : (r.killedLow ?? 0),
      spread: r.killedHigh == null ? null : r.killedHigh - (r.killedLow ?? 0),
    };
    claimants.forEach(([slug], i) => {
      const c = r.claimants.find((x) => x.claimant.slug === slug);
      if (c?.killedHigh == null) return;
      const low = c.killedLow ?? 0;
      point[`c${i}`] = low;
      point[`e${i}`] = [0, c.killedHigh - low];
      point[`r${i}`] = formatRange(c.killedLow, c.killedHigh);
    });
    return point;
  });
  return (
    <ComposedChart data={data} width="100%" height={320} responsive accessibilityLayer={false} margin={{ top: 10, right: 20, bottom: 5, left: 5 }}>
      <CartesianGrid vertical={false} strokeDasharray="2 4" />
      <XAxis dataKey="label" fontSize={12} />
      <YAxis allowDecimals={false} fontSize={12} width={48} label={{ value: "Killed", angle: -90, position: "insideLeft", fontSize: 12 }} />
      <Tooltip
        labelFormatter={(_, payload) => payload?.[0]?.payload?.title ?? ""}
        formatter={(value, name, item) => {
          const key = String(item.dataKey);
          if (key === "spread") return [item.payload.low + Number(value), "Highest claim"];
          // A claimant's mark sits at its low figure; say its whole range.
          if (key.startsWith("c")) return [item.payload[`r${key.slice(1)}`], name];
          return [value, name];
        }}
      />
      <Legend formatter={legendText} itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
      <Bar dataKey="low" stackId="killed" name="Lowest claim" fill="#d9a09d" isAnimationActive={false} cursor="pointer" onClick={(item) => navigate(item.payload.href)} />
      <Bar dataKey="spread" stackId="killed" name="… up to the highest claim" fill="#f1dedd" stroke="#d9a09d" isAnimationActive={false} cursor="pointer" onClick={(item) => navigate(item.payload.href)} />
      {claimants.map(([slug, name], i) => (
        <Scatter
          key={slug}
          dataKey={`c${i}`}
          name={name}
          fill={SERIES_COLOURS[i % SERIES_COLOURS.length]}
          shape={SERIES_SHAPES[i % SERIES_SHAPES.length]}
          isAnimationActive={false}
        >
          <ErrorBar dataKey={`e${i}`} direction="y" width={6} stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]} />
        </Scatter>
      ))}
    </ComposedChart>
  );
}

function ClaimantList({
  claimants,
  incidents,
  inAll = claimants.length,
}: {
  claimants: (ClaimantRange & { incidents?: number })[];
  incidents?: boolean;
  /** Claimants there are in all; the list holds those with the highest figures. */
  inAll?: number;
}) {
  if (claimants.length === 0) return <>—</>;
  return (
    <ul className="figures">
      {inAll > claimants.length ? (
        <li className="muted">
          The {claimants.length} highest of {inAll} claimants’ figures (the CSV has every one):
        </li>
      ) : null}
      {claimants.map((c) => (
        <li key={c.claimant.slug}>
          <Link to={`/actors/${c.claimant.slug}`}>{c.claimant.name}</Link>: killed {formatRange(c.killedLow, c.killedHigh)}
          {c.injuredHigh != null ? `, injured ${formatRange(c.injuredLow, c.injuredHigh)}` : ""}
          {incidents && c.incidents != null ? ` (${plural(c.incidents, "incident")})` : ""}
        </li>
      ))}
    </ul>
  );
}

const sameGroup = (a: CasualtyGroup, b: CasualtyGroup) => a.category === b.category && a.affected?.slug === b.affected?.slug;
const groupKey = (g: CasualtyGroup) => `${g.category}|${g.affected?.slug ?? ""}`;
/** Short enough for an axis: "Security forces, Pakistan". */
const groupTag = (g: CasualtyGroup) => `${enumLabel(g.category)}${g.affected ? `, ${g.affected.shortName}` : ""}`;

/** "killed 9, injured at least 3": the figures a claim states. */
function claimFigures(c: ClaimFigure) {
  const figures = [
    c.killedLow != null || c.killedHigh != null ? `killed ${formatClaim(c.killedLow, c.killedHigh)}` : null,
    c.injuredLow != null || c.injuredHigh != null ? `injured ${formatClaim(c.injuredLow, c.injuredHigh)}` : null,
  ];
  return figures.filter(Boolean).join(", ");
}

/** Only the rows with a killed figure: the chart draws killed, the table both. */
const chartRows = (rows: RangeRow[]) => rows.filter((r) => r.killedHigh != null);

const GROUP_NOTE = "One row per group of people counted: one category on one side; claims that do not say whose dead they count form their own group.";

export function CasualtiesByPeriod({ periods, per, party }: { periods: PeriodGroupRange[]; per: Bucket; party?: string }) {
  if (periods.length === 0) return <p className="empty">No casualty figure is claimed for the incidents that match these filters.</p>;
  const buckets = [...new Map(periods.map((p) => [p.bucketStart, periods.filter((q) => q.bucketStart === p.bucketStart)])).values()];
  const rows: RangeRow[] = periods.map((p) => ({
    key: `${p.bucketStart}|${groupKey(p)}`,
    label: `${dayLabel(dayNumber(p.bucketStart), per === "week")} · ${groupTag(p)}`,
    title: `${bucketLabel(p.bucketStart, per)}: ${claimGroupLabel(p)}`,
    href: incidentsHref(p, party),
    killedLow: p.killedLow,
    killedHigh: p.killedHigh,
    claimants: p.claimants,
  }));
  const caption = `Killed and injured per ${per} and group of people counted: the range of the claims and each claimant’s figure`;
  return (
    <ChartFrame label={caption} height={320} chart={() => <ClaimRangeChart rows={chartRows(rows)} />}>
      <div className="table-scroll">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{per === "week" ? "Week" : "Month"}</th>
              <th scope="col">Whose casualties</th>
              <th scope="col" className="num">Killed (lowest–highest claim)</th>
              <th scope="col" className="num">Injured (lowest–highest claim)</th>
              <th scope="col">Each claimant’s figure</th>
            </tr>
          </thead>
          {buckets.map((groups) => (
            <tbody key={groups[0].bucketStart}>
              {groups.map((g, n) => (
                <tr key={groupKey(g)}>
                  {n === 0 ? (
                    <th scope="rowgroup" rowSpan={groups.length}>
                      <Link to={incidentsHref(g, party)}>{bucketLabel(g.bucketStart, per)}</Link>
                      {g.groupsInBucket > groups.length ? (
                        <span className="muted small">
                          {" "}
                          ({groups.length} groups with the most killed, of {g.groupsInBucket})
                        </span>
                      ) : null}
                    </th>
                  ) : null}
                  <th scope="row">
                    <ClaimGroupName group={g} /> ({plural(g.incidents, "incident")})
                  </th>
                  <td className="num">{formatRange(g.killedLow, g.killedHigh)}</td>
                  <td className="num">{formatRange(g.injuredLow, g.injuredHigh)}</td>
                  <td>
                    <ClaimantList claimants={g.claimants} inAll={g.claimantsInGroup} incidents />
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <p className="muted small">{GROUP_NOTE} A group’s range adds up, over the {per}’s incidents, its lowest and its highest claim.</p>
    </ChartFrame>
  );
}

export function CasualtiesByIncident({ incidents, total }: { incidents: IncidentCasualties[]; total: number }) {
  if (incidents.length === 0) return <p className="empty">No casualty figure is claimed for the incidents that match these filters.</p>;
  const rows: RangeRow[] = incidents.flatMap((i) =>
    i.groups.map((g) => ({
      key: `${i.id}|${groupKey(g)}`,
      label: `${dayLabel(dayNumber(i.occurredOn), i.datePrecision === "day")} · ${groupTag(g)}`,
      title: `${i.title} (${formatDate(i.occurredOn, i.datePrecision)}): ${claimGroupLabel(g)}`,
      href: `/incidents/${i.id}`,
      killedLow: g.killedLow,
      killedHigh: g.killedHigh,
      claimants: g.claimants,
    })),
  );
  const caption = "Killed and injured per incident and group of people counted: every claim";
  return (
    <ChartFrame label={caption} height={320} chart={() => <ClaimRangeChart rows={chartRows(rows)} />}>
      <div className="table-scroll">
        <table>
          <caption>
            {caption}
            {total > incidents.length ? ` (the first ${incidents.length} of ${total} incidents; the CSV has them all)` : ` (${plural(total, "incident")})`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Date</th>
              <th scope="col">Whose casualties</th>
              <th scope="col" className="num">Killed (lowest–highest claim)</th>
              <th scope="col" className="num">Injured (lowest–highest claim)</th>
              <th scope="col">Claims</th>
            </tr>
          </thead>
          {incidents.map((i) => (
            <tbody key={i.id}>
              {i.groups.map((g, n) => (
                <tr key={groupKey(g)}>
                  {n === 0 ? (
                    <>
                      <th scope="rowgroup" rowSpan={i.groups.length}>
                        <Link to={`/incidents/${i.id}`}>{i.title}</Link>
                      </th>
                      <td rowSpan={i.groups.length}>{formatDate(i.occurredOn, i.datePrecision)}</td>
                    </>
                  ) : null}
                  <th scope="row">
                    <ClaimGroupName group={g} />
                  </th>
                  <td className="num">{formatRange(g.killedLow, g.killedHigh)}</td>
                  <td className="num">{formatRange(g.injuredLow, g.injuredHigh)}</td>
                  <td>
                    <ul className="figures">
                      {i.claims
                        .filter((c) => sameGroup(c, g))
                        .map((c, m) => (
                          <li key={m}>
                            <Link to={`/actors/${c.claimant.slug}`}>{c.claimant.name}</Link>
                            {c.rank === "preferred" ? " (preferred)" : ""}: {claimFigures(c)} —{" "}
                            <Link to={`/sources/${c.source.id}`}>{c.source.publisher}</Link>
                          </li>
                        ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <p className="muted small">{GROUP_NOTE}</p>
    </ChartFrame>
  );
}
