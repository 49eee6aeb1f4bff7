// How long commitments survive: Kaplan–Meier step curves (a "+" where commitments stop being
// observed without a breach), with a summary table and the life table behind each curve.
import { Link } from "~/components/link";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { enumLabel } from "@db/enums";
import type { SurvivalGroup, SurvivalSplit } from "~/models/analytics.server";
import { ChartFrame, formatShare, legendText, plural, SERIES_COLOURS } from "./chart-kit";

export function groupLabel(g: Pick<SurvivalGroup, "split" | "key" | "label">): string {
  if (g.split === "all") return "All commitments";
  if (g.key === null) return g.split === "round" ? "Outside any round" : "No mediator";
  return g.split === "kind" ? enumLabel(g.key) : (g.label ?? g.key);
}

function groupLink(g: SurvivalGroup) {
  const label = groupLabel(g);
  if (g.key === null) return label;
  const to = g.split === "kind" ? `/commitments?kind=${g.key}` : g.split === "round" ? `/rounds/${g.key}` : `/mediators/${g.key}`;
  return <Link to={to}>{label}</Link>;
}

const formatDays = (days: number) => (Number.isInteger(days) ? String(days) : days.toFixed(1));

/** "+" marks where commitments left observation unbroken. */
function CensorMark(props: { cx?: number; cy?: number; payload?: { censored: number }; stroke?: string; index?: number }) {
  const { cx, cy, payload, stroke, index } = props;
  if (cx == null || cy == null || !payload?.censored) return <g key={index} />;
  return <path key={index} d={`M${cx - 4},${cy}h8M${cx},${cy - 4}v8`} stroke={stroke} strokeWidth={1.5} />;
}

export function SurvivalChart({ groups, split, caption }: { groups: SurvivalGroup[]; split: SurvivalSplit; caption: string }) {
  if (groups.length === 0) return <p className="empty">No commitment in effect matches these filters.</p>;
  const maxT = Math.max(...groups.map((g) => g.steps.at(-1)?.t ?? 0), 1);
  const series = groups.map((g, i) => ({
    name: `${groupLabel(g)} (n = ${g.n})`,
    colour: SERIES_COLOURS[i % SERIES_COLOURS.length],
    data: [{ t: 0, survival: 1, censored: 0 }, ...g.steps.map((s) => ({ t: s.t, survival: s.survival, censored: s.censored }))],
  }));
  return (
    <ChartFrame
      label={caption}
      height={300}
      chart={() => (
        <LineChart width="100%" height={300} responsive accessibilityLayer={false} margin={{ top: 10, right: 20, bottom: 20, left: 5 }}>
          <CartesianGrid strokeDasharray="2 4" />
          <XAxis
            type="number"
            dataKey="t"
            domain={[0, maxT]}
            fontSize={12}
            allowDecimals={false}
            label={{ value: "Days since taking effect", position: "insideBottom", offset: -10, fontSize: 12 }}
          />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => formatShare(v)} fontSize={12} width={48} />
          <Tooltip formatter={(v) => formatShare(Number(v))} labelFormatter={(t) => `Day ${t}`} />
          {series.length > 1 ? <Legend verticalAlign="top" formatter={legendText} itemSorter={null} wrapperStyle={{ fontSize: 12, paddingBottom: 8 }} /> : null}
          {series.map((s) => (
            <Line
              key={s.name}
              data={s.data}
              dataKey="survival"
              name={s.name}
              type="stepAfter"
              stroke={s.colour}
              strokeWidth={2}
              dot={<CensorMark />}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    >
      <SurvivalTable groups={groups} caption={caption} />
      {groups.some((g) => g.steps.length < g.stepsInAll) ? (
        <p className="muted small">
          Each curve is drawn at a resolution of a few days; the table above gives its exact values, and the CSV every step.
        </p>
      ) : null}
      {/* One row per day a commitment broke or left observation: thousands per curve at 15,000
          commitments, so the page carries the overall one when it is short and the CSV every one. */}
      {split === "all"
        ? groups.map((g) =>
            g.steps.length < g.stepsInAll ? (
              <p key="all" className="muted small">
                Its life table has {g.stepsInAll.toLocaleString("en")} rows, one per day a commitment broke or left observation: the
                CSV of every curve below holds it.
              </p>
            ) : (
              <LifeTable key="all" group={g} />
            ),
          )
        : null}
    </ChartFrame>
  );
}

function SurvivalTable({ groups, caption }: { groups: SurvivalGroup[]; caption: string }) {
  const checkpoints = groups[0].checkpoints.map((c) => c.days);
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col" className="num">Commitments (n)</th>
            <th scope="col" className="num">Broken</th>
            <th scope="col" className="num">Not broken (censored)</th>
            <th scope="col" className="num">Median days held (Kaplan–Meier)</th>
            <th scope="col" className="num">Median days held, broken ones only</th>
            {checkpoints.map((d) => (
              <th scope="col" className="num" key={d}>
                Unbroken after {d} days
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={`${g.split}-${g.key}`}>
              <th scope="row">{groupLink(g)}</th>
              <td className="num">{g.n}</td>
              <td className="num">{g.broken}</td>
              <td className="num">{g.censored}</td>
              <td className="num">{g.kmMedian === null ? "not reached" : g.kmMedian}</td>
              <td className="num">{g.medianDaysBroken === null ? "—" : `${formatDays(g.medianDaysBroken)} (of ${g.broken})`}</td>
              {g.checkpoints.map((c) => (
                <td className="num" key={c.days}>
                  {c.survival === null ? "not observed" : formatShare(c.survival)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LifeTable({ group }: { group: SurvivalGroup }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>
          Life table: {groupLabel(group)} ({plural(group.n, "commitment")})
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">Day</th>
            <th scope="col" className="num">At risk</th>
            <th scope="col" className="num">Broken that day</th>
            <th scope="col" className="num">Left unbroken that day (censored)</th>
            <th scope="col" className="num">Share still unbroken</th>
          </tr>
        </thead>
        <tbody>
          {group.steps.map((s) => (
            <tr key={s.t}>
              <th scope="row" className="num">
                {s.t}
              </th>
              <td className="num">{s.atRisk}</td>
              <td className="num">{s.events}</td>
              <td className="num">{s.censored}</td>
              <td className="num">{formatShare(s.survival)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
