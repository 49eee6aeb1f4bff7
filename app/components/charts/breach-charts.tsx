// Breaches counted by party alleged responsible, by commitment kind and over time (bars stacked by
// assessment), and by assessment; each with its table of counts and shares.
import { useNavigate } from "@remix-run/react";
import { Link } from "~/components/link";
import { Bar, BarChart, CartesianGrid, Cell, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { enumLabel } from "@db/enums";
import type { BreachBreakdown, BreachCounts } from "~/models/analytics.server";
import { COUNTED_ASSESSMENTS } from "~/models/analytics/options";
import { ASSESSMENT_COLOURS, ChartFrame, formatShare, legendText } from "./chart-kit";

export interface BreachRow extends BreachCounts {
  label: string;
  href?: string;
}

export function BreachStackChart({
  rows,
  caption,
  groupHeader,
  vertical = false,
}: {
  rows: BreachRow[];
  caption: string;
  groupHeader: string;
  /** Bars standing up along a time axis, rather than lying down beside their labels. */
  vertical?: boolean;
}) {
  const navigate = useNavigate();
  if (rows.length === 0) return <p className="empty">No breach matches these filters.</p>;
  const height = vertical ? 260 : rows.length * 34 + 60;
  const open = (item: { payload?: BreachRow }) => item.payload?.href && navigate(item.payload.href);
  return (
    <ChartFrame
      label={caption}
      height={height}
      chart={() => (
        <BarChart
          layout={vertical ? "horizontal" : "vertical"}
          data={rows}
          width="100%"
          height={height}
          responsive
          accessibilityLayer={false}
          margin={{ top: 5, right: 20, bottom: 5, left: 5 }}
        >
          <CartesianGrid strokeDasharray="2 4" horizontal={vertical} vertical={!vertical} />
          {vertical ? (
            <>
              <XAxis type="category" dataKey="label" fontSize={12} />
              <YAxis type="number" allowDecimals={false} fontSize={12} width={40} />
            </>
          ) : (
            <>
              <XAxis type="number" allowDecimals={false} fontSize={12} />
              <YAxis type="category" dataKey="label" width={190} fontSize={12} interval={0} />
            </>
          )}
          <Tooltip />
          <Legend formatter={legendText} wrapperStyle={{ fontSize: 12 }} />
          {COUNTED_ASSESSMENTS.map((a) => (
            <Bar
              key={a}
              dataKey={a}
              name={enumLabel(a)}
              stackId="assessment"
              fill={ASSESSMENT_COLOURS[a]}
              isAnimationActive={false}
              cursor="pointer"
              onClick={open}
            />
          ))}
        </BarChart>
      )}
    >
      <BreachTable rows={rows} caption={caption} groupHeader={groupHeader} />
    </ChartFrame>
  );
}

function BreachTable({ rows, caption, groupHeader }: { rows: BreachRow[]; caption: string; groupHeader: string }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupHeader}</th>
            {COUNTED_ASSESSMENTS.map((a) => (
              <th scope="col" className="num" key={a}>
                {enumLabel(a)}
              </th>
            ))}
            <th scope="col" className="num">Breaches</th>
            <th scope="col" className="num">Incidents</th>
            <th scope="col" className="num">Share of breaches</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.href ? <Link to={r.href}>{r.label}</Link> : r.label}</th>
              {COUNTED_ASSESSMENTS.map((a) => (
                <td className="num" key={a}>
                  {r[a]}
                </td>
              ))}
              <td className="num">{r.total}</td>
              <td className="num">{r.incidents}</td>
              <td className="num">{formatShare(r.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AssessmentChart({ byAssessment, total }: { byAssessment: BreachBreakdown["byAssessment"]; total: BreachCounts }) {
  const rows = byAssessment.map((r) => ({ ...r, label: enumLabel(r.assessment) }));
  if (total.total === 0) return <p className="empty">No breach matches these filters.</p>;
  return (
    <ChartFrame
      label="Breaches by assessment"
      height={200}
      chart={() => (
        <BarChart layout="vertical" data={rows} width="100%" height={200} responsive accessibilityLayer={false} margin={{ top: 5, right: 20, bottom: 5, left: 5 }}>
          <CartesianGrid strokeDasharray="2 4" horizontal={false} />
          <XAxis type="number" allowDecimals={false} fontSize={12} />
          <YAxis type="category" dataKey="label" width={190} fontSize={12} />
          <Tooltip />
          <Bar dataKey="total" name="Breaches" isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.assessment} fill={ASSESSMENT_COLOURS[r.assessment]} />
            ))}
          </Bar>
        </BarChart>
      )}
    >
      <div className="table-scroll">
        <table>
          <caption>Breaches by assessment</caption>
          <thead>
            <tr>
              <th scope="col">Assessment</th>
              <th scope="col" className="num">Breaches</th>
              <th scope="col" className="num">Share of breaches</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.assessment}>
                <th scope="row">{r.label}</th>
                <td className="num">{r.total}</td>
                <td className="num">{formatShare(r.share)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All</th>
              <td className="num">{total.total}</td>
              <td className="num">{formatShare(total.share)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </ChartFrame>
  );
}
