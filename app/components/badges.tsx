import { enumLabel, type BreachAssessment, type CommitmentStatus, type RoundOutcome } from "@db/enums";

export function StatusBadge({ status }: { status: CommitmentStatus }) {
  return <span className={`badge status-${status}`}>{enumLabel(status)}</span>;
}

export function AssessmentBadge({ assessment }: { assessment: BreachAssessment }) {
  return <span className={`badge assessment-${assessment}`}>{enumLabel(assessment)}</span>;
}

export function OutcomeBadge({ outcome }: { outcome: RoundOutcome }) {
  return <span className="badge">{enumLabel(outcome)}</span>;
}
