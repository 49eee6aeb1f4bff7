// The editing links read pages carry. Kept apart from the editor components: those bring Conform
// and zod (about 90 KB) into the browser, which a read page must not load.
import { useRouteLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import type { RecordType } from "@db/enums";
import type { loader as rootLoader } from "~/root";

/** History for everyone; Edit and Delete for signed-in editors (the actions check again). */
export function RecordActions({ type, id, editTo }: { type: RecordType; id: number; editTo?: string }) {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const signedIn = Boolean(root?.user);
  return (
    <p className="record-actions">
      {signedIn && editTo ? <Link to={editTo}>Edit</Link> : null}
      {signedIn ? <Link to={`/delete/${type}/${id}`}>Delete</Link> : null}
      <Link to={`/history/${type}/${id}`}>History</Link>
    </p>
  );
}

/** A link only signed-in editors see, e.g. "New venue" on a list. */
export function EditorLink({ to, children }: { to: string; children: string }) {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return root?.user ? (
    <p className="record-actions">
      <Link to={to}>{children}</Link>
    </p>
  ) : null;
}
