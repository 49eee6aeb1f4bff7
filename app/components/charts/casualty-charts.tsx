// Casualties with their disagreement: for each month (or week) and each incident, a bar from the
// lowest to the highest figure claimed, and each claimant's own figure as a mark with a whisker
// up to its high. Never one averaged number. The tables list every figure, with its claimant.
import { Link, useNavigate } from "@remix-run/react";
import { Bar, CartesianGrid, ComposedChart, ErrorBar, Legend, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { enumLabel } from "@db/enums";
import type { ActivityBucket, Bucket, ClaimantBucket, ClaimantRange, IncidentCasualties } from "~/models/analytics.server";
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

function ClaimantList({ claimants, incidents }: { claimants: (ClaimantRange & { incidents?: number })[]; incidents?: boolean }) {
  if (claimants.length === 0) return <>—</>;
  return (
    <ul className="figures">
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

export function CasualtiesByPeriod({ activity, claimants, per, party }: { activity: ActivityBucket[]; claimants: ClaimantBucket[]; per: Bucket; party?: string }) {
  const withClaims = activity.filter((a) => a.killedHigh != null || a.injuredHigh != null);
  if (withClaims.length === 0) return <p className="empty">No casualty figure is claimed for the incidents that match these filters.</p>;
  const rows = withClaims.map((a) => ({
    bucket: a,
    key: a.bucketStart,
    label: dayLabel(dayNumber(a.bucketStart), per === "week"),
    title: bucketLabel(a.bucketStart, per),
    href: incidentsHref(a, party),
    killedLow: a.killedLow,
    killedHigh: a.killedHigh,
    claimants: claimants.filter((c) => c.bucketStart === a.bucketStart),
  }));
  const caption = `Killed and injured per ${per}: the range of the claims and each claimant’s figure`;
  return (
    <ChartFrame label={caption} height={320} chart={() => <ClaimRangeChart rows={rows} />}>
      <div className="table-scroll">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{per === "week" ? "Week" : "Month"}</th>
              <th scope="col" className="num">Killed (lowest–highest claim)</th>
              <th scope="col" className="num">Injured (lowest–highest claim)</th>
              <th scope="col">Each claimant’s figure</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  <Link to={r.href}>{bucketLabel(r.bucket.bucketStart, per)}</Link>
                </th>
                <td className="num">{formatRange(r.bucket.killedLow, r.bucket.killedHigh)}</td>
                <td className="num">{formatRange(r.bucket.injuredLow, r.bucket.injuredHigh)}</td>
                <td>
                  <ClaimantList claimants={r.claimants} incidents />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartFrame>
  );
}

export function CasualtiesByIncident({ incidents, total }: { incidents: IncidentCasualties[]; total: number }) {
  if (incidents.length === 0) return <p className="empty">No casualty figure is claimed for the incidents that match these filters.</p>;
  const rows = incidents.map((i) => ({
    key: String(i.id),
    label: dayLabel(dayNumber(i.occurredOn), i.datePrecision === "day"),
    title: `${i.title} (${formatDate(i.occurredOn, i.datePrecision)})`,
    href: `/incidents/${i.id}`,
    killedLow: i.killedLow,
    killedHigh: i.killedHigh,
    claimants: i.claimants,
  }));
  const caption = "Killed and injured per incident: every claim";
  return (
    <ChartFrame label={caption} height={320} chart={() => <ClaimRangeChart rows={rows} />}>
      <div className="table-scroll">
        <table>
          <caption>
            {caption}
            {total > incidents.length ? ` (the first ${incidents.length} of ${total}; the CSV has them all)` : ` (${total})`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Date</th>
              <th scope="col" className="num">Killed (lowest–highest claim)</th>
              <th scope="col" className="num">Injured (lowest–highest claim)</th>
              <th scope="col">Claims</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <Link to={`/incidents/${i.id}`}>{i.title}</Link>
                </th>
                <td>{formatDate(i.occurredOn, i.datePrecision)}</td>
                <td className="num">{formatRange(i.killedLow, i.killedHigh)}</td>
                <td className="num">{formatRange(i.injuredLow, i.injuredHigh)}</td>
                <td>
                  <ul className="figures">
                    {i.claims.map((c, n) => (
                      <li key={n}>
                        <Link to={`/actors/${c.claimant.slug}`}>{c.claimant.name}</Link>
                        {c.rank === "preferred" ? " (preferred)" : ""}: {enumLabel(c.category).toLowerCase()}
                        {c.killedLow != null || c.killedHigh != null ? `, killed ${formatClaim(c.killedLow, c.killedHigh)}` : ""}
                        {c.injuredLow != null || c.injuredHigh != null ? `, injured ${formatClaim(c.injuredLow, c.injuredHigh)}` : ""} —{" "}
                        <Link to={`/sources/${c.source.id}`}>{c.source.publisher}</Link>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartFrame>
  );
}
