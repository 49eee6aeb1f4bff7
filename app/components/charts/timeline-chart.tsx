// Promised versus happened: rounds and the time each commitment held (above) over incidents and
// the casualties claimed per month or week (below), on one time axis. Clicking a round, a
// commitment or a bar opens its records; the tables below carry the same links without JavaScript.
import { useNavigate } from "@remix-run/react";
import { Link } from "~/components/link";
import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, Legend, ReferenceLine, Tooltip, XAxis, YAxis, type YAxisTickContentProps } from "recharts";
import { enumLabel, type CommitmentStatus } from "@db/enums";
import { OutcomeBadge, StatusBadge } from "~/components/badges";
import type { ActivityBucket, ActivityCounts, Bucket, CommitmentPeriod, TimelineRound } from "~/models/analytics.server";
import { formatDate, formatDateRange } from "~/utils/dates";
import { ChartFrame, dayLabel, dayNumber, formatRange, legendText, monthTicks, plural } from "./chart-kit";

const AXIS_WIDTH = 210;
const RIGHT_AXIS_WIDTH = 56;
const ROW_HEIGHT = 22;
const ACTIVITY_HEIGHT = 240;

const STATUS_FILL: Partial<Record<CommitmentStatus, string>> = { broken: "#a3201b", disputed: "#b36b00", holding: "#1e6b35", fulfilled: "#1e6b35" };

interface GanttRow {
  label: string;
  range: [number, number];
  href: string;
  fill: string;
  detail: string;
}

export function bucketLabel(start: string, per: Bucket): string {
  return formatDate(start, per === "week" ? "week" : "month");
}

/** The incidents list for one bucket, with the party filter carried over as the perpetrator. */
export function incidentsHref(bucket: { bucketStart: string; bucketEnd: string }, party?: string) {
  const params = new URLSearchParams({ from: bucket.bucketStart, to: bucket.bucketEnd });
  if (party) params.set("perpetrator", party);
  return `/incidents?${params}`;
}

const shorten = (text: string, max = 30) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function TimelineChart({
  rounds,
  periods,
  activity,
  activityTotal,
  per,
  from,
  to,
  party,
}: {
  rounds: TimelineRound[];
  periods: CommitmentPeriod[];
  activity: ActivityBucket[];
  activityTotal: ActivityCounts;
  per: Bucket;
  from?: string;
  to?: string;
  party?: string;
}) {
  const navigate = useNavigate();
  const rows: (GanttRow & { sort: string })[] = [
    ...rounds.map((r) => ({
      sort: `${r.startDate}0${r.slug}`,
      label: `◆ ${shorten(r.title)}`,
      range: [dayNumber(r.startDate), dayNumber(r.endDate ?? r.startDate) + 1] as [number, number],
      href: `/rounds/${r.slug}`,
      fill: "#1f3a5f",
      detail: `${r.title}: ${formatDateRange(r.startDate, r.startPrecision, r.endDate, r.endPrecision)}`,
    })),
    ...periods.map((c) => ({
      sort: `${c.takesEffectOn}1${String(c.id).padStart(9, "0")}`,
      label: shorten(c.title),
      range: [dayNumber(c.takesEffectOn), dayNumber(c.heldUntil)] as [number, number],
      href: `/commitments/${c.id}`,
      fill: STATUS_FILL[c.status] ?? "#4a5562",
      detail: `${c.title}: held ${c.daysHeld}${c.broken ? "" : "+"} days (${enumLabel(c.status).toLowerCase()})`,
    })),
  ].sort((a, b) => a.sort.localeCompare(b.sort));

  const bars = activity.map((a) => ({
    x: (dayNumber(a.bucketStart) + dayNumber(a.bucketEnd) + 1) / 2,
    incidents: a.incidents,
    // Stacked: the lowest claim, then the rest of the way to the highest (a range bar of equal ends
    // would have no height at all).
    killedLow: a.killedHigh == null ? null : (a.killedLow ?? 0),
    killedSpread: a.killedHigh == null ? null : a.killedHigh - (a.killedLow ?? 0),
    href: incidentsHref(a, party),
    detail: `${bucketLabel(a.bucketStart, per)}: ${plural(a.incidents, "incident")}, killed ${formatRange(a.killedLow, a.killedHigh)}`,
  }));

  const starts = [...rows.map((r) => r.range[0]), ...bars.map((b) => b.x)];
  const ends = [...rows.map((r) => r.range[1]), ...bars.map((b) => b.x)];
  if (starts.length === 0) return null;
  const domain: [number, number] = [from ? dayNumber(from) : Math.min(...starts), to ? dayNumber(to) + 1 : Math.max(...ends)];
  // A one-day round on a five-year axis would be invisible: every bar is drawn at least 1/250 of
  // the axis wide, so that it can be seen and clicked (the tables give the exact dates).
  const minWidth = (domain[1] - domain[0]) / 250;
  const gantt = rows.map((r) => ({ ...r, range: [r.range[0], Math.max(r.range[1], r.range[0] + minWidth)] }));
  const ticks = monthTicks(domain[0], domain[1]);
  const xAxis = (hide: boolean) => (
    <XAxis
      type="number"
      dataKey={hide ? undefined : "x"}
      domain={domain}
      allowDataOverflow
      ticks={ticks}
      tickFormatter={(d: number) => dayLabel(d)}
      hide={hide}
      fontSize={12}
    />
  );
  const ganttHeight = rows.length * ROW_HEIGHT + 30;

  return (
    <ChartFrame
      label="Timeline of rounds, commitments and incidents"
      height={ganttHeight + ACTIVITY_HEIGHT}
      chart={() => (
        <>
          <BarChart
            layout="vertical"
            data={gantt}
            width="100%"
            height={ganttHeight}
            responsive
            accessibilityLayer={false}
            margin={{ top: 5, right: RIGHT_AXIS_WIDTH + 5, bottom: 5, left: 5 }}
          >
            <CartesianGrid horizontal={false} strokeDasharray="2 4" />
            {xAxis(false)}
            <YAxis
              type="category"
              dataKey="label"
              width={AXIS_WIDTH}
              interval={0}
              tick={({ x, y, payload, index }: YAxisTickContentProps) => (
                <text x={x} y={y} dy={4} textAnchor="end" fontSize={11} fill="#1b1f24" cursor="pointer" onClick={() => navigate(gantt[index].href)}>
                  {payload.value}
                </text>
              )}
            />
            <Tooltip formatter={() => null} labelFormatter={(_, payload) => payload?.[0]?.payload?.detail ?? ""} />
            <Bar className="bar-rows" dataKey="range" isAnimationActive={false} cursor="pointer" onClick={(item) => navigate(item.payload.href)}>
                {gantt.map((r) => (
                <Cell key={r.href} fill={r.fill} />
              ))}
            </Bar>
          </BarChart>
          <ComposedChart
            data={bars}
            width="100%"
            height={ACTIVITY_HEIGHT}
            responsive
            accessibilityLayer={false}
            margin={{ top: 10, right: 5, bottom: 5, left: 5 }}
          >
            <CartesianGrid vertical={false} strokeDasharray="2 4" />
            {xAxis(false)}
            <YAxis yAxisId="incidents" width={AXIS_WIDTH} fontSize={12} allowDecimals={false} />
            <YAxis yAxisId="killed" orientation="right" width={RIGHT_AXIS_WIDTH} fontSize={12} allowDecimals={false} />
            <Legend formatter={legendText} wrapperStyle={{ fontSize: 12 }} />
            {rounds.map((r) => (
              <ReferenceLine key={r.slug} yAxisId="incidents" x={dayNumber(r.startDate)} stroke="#1f3a5f" strokeDasharray="4 3" ifOverflow="hidden" />
            ))}
            <Tooltip formatter={() => null} labelFormatter={(_, payload) => payload?.[0]?.payload?.detail ?? ""} />
            <Bar className="bar-incidents" yAxisId="incidents" dataKey="incidents" name="Incidents (left axis)" fill="#1f3a5f" isAnimationActive={false} cursor="pointer" onClick={(item) => navigate(item.payload.href)} />
            <Bar yAxisId="killed" dataKey="killedLow" stackId="killed" name="Killed, lowest claim (right axis)" fill="#a3201b" isAnimationActive={false} cursor="pointer" onClick={(item) => navigate(item.payload.href)} />
            <Bar yAxisId="killed" dataKey="killedSpread" stackId="killed" name="… up to the highest claim" fill="#e3b5b2" isAnimationActive={false} cursor="pointer" onClick={(item) => navigate(item.payload.href)} />
          </ComposedChart>
        </>
      )}
    >
      <TimelineTables rounds={rounds} periods={periods} activity={activity} total={activityTotal} per={per} party={party} />
    </ChartFrame>
  );
}

function TimelineTables({
  rounds,
  periods,
  activity,
  total,
  per,
  party,
}: {
  rounds: TimelineRound[];
  periods: CommitmentPeriod[];
  activity: ActivityBucket[];
  total: ActivityCounts;
  per: Bucket;
  party?: string;
}) {
  const imprecise = total.impreciseIncidents;
  return (
    <>
      <div className="table-scroll">
        <table>
          <caption>Rounds ({rounds.length})</caption>
          <thead>
            <tr>
              <th scope="col">Round</th>
              <th scope="col">Dates</th>
              <th scope="col">Venue</th>
              <th scope="col">Mediators</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.slug}>
                <th scope="row">
                  <Link to={`/rounds/${r.slug}`}>{r.title}</Link>
                </th>
                <td>{formatDateRange(r.startDate, r.startPrecision, r.endDate, r.endPrecision)}</td>
                <td>{r.venueCity ?? "—"}</td>
                <td>{r.mediators.length ? r.mediators.map((m) => m.name).join(", ") : "—"}</td>
                <td>
                  <OutcomeBadge outcome={r.outcome} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table>
          <caption>Commitments and how long each held ({periods.length})</caption>
          <thead>
            <tr>
              <th scope="col">Commitment</th>
              <th scope="col">Kind</th>
              <th scope="col">Took effect</th>
              <th scope="col">Held until</th>
              <th scope="col" className="num">Days held</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {periods.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/commitments/${c.id}`}>{c.title}</Link>
                </th>
                <td>{enumLabel(c.kind)}</td>
                <td>{formatDate(c.takesEffectOn, c.takesEffectPrecision)}</td>
                <td>{formatDate(c.heldUntil)}</td>
                <td className="num">
                  {c.daysHeld}
                  {c.broken ? "" : "+"}
                </td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        A commitment holds from the day it takes effect to its first corroborated breach; “+” marks one still running, or ended
        without a breach (expired, superseded, fulfilled), on the day it stopped being observed.
      </p>
      <div className="table-scroll">
        <table>
          <caption>Incidents and casualties claimed, per {per}</caption>
          <thead>
            <tr>
              <th scope="col">{per === "week" ? "Week" : "Month"}</th>
              <th scope="col" className="num">Incidents</th>
              <th scope="col" className="num">With a killed figure</th>
              <th scope="col" className="num">Killed (lowest–highest claim)</th>
              <th scope="col" className="num">Injured (lowest–highest claim)</th>
            </tr>
          </thead>
          <tbody>
            {activity.map((a) => (
              <tr key={a.bucketStart}>
                <th scope="row">{bucketLabel(a.bucketStart, per)}</th>
                <td className="num">
                  <Link to={incidentsHref(a, party)}>{a.incidents}</Link>
                  {a.impreciseIncidents ? <span className="muted"> ({a.impreciseIncidents} dated to the month only)</span> : null}
                </td>
                <td className="num">{a.incidentsWithKilledClaims}</td>
                <td className="num">{formatRange(a.killedLow, a.killedHigh)}</td>
                <td className="num">{formatRange(a.injuredLow, a.injuredHigh)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All</th>
              <td className="num">{total.incidents}</td>
              <td className="num">{total.incidentsWithKilledClaims}</td>
              <td className="num">{formatRange(total.killedLow, total.killedHigh)}</td>
              <td className="num">{formatRange(total.injuredLow, total.injuredHigh)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted small">
        {per === "week" ? "Weeks" : "Months"} with no incident are left out. Each incident counts the lowest and the highest figure
        claimed for it; a {per}’s range adds them up. Deprecated claims are left out; nothing is averaged.
        {imprecise ? ` ${plural(imprecise, "incident")} known only to the month ${imprecise === 1 ? "is" : "are"} counted in the week of the date recorded.` : ""}
      </p>
    </>
  );
}
