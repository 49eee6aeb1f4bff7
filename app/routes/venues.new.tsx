import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireEditor } from "~/auth/session.server";
import { VenueEditor } from "~/editors/venue-editor";
import { saveVenue } from "~/editors/venue.server";

export const meta: MetaFunction = () => [{ title: "New venue · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEditor(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  return saveVenue(request);
}

export default function NewVenuePage() {
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>New venue</h1>
      <VenueEditor mode="new" lastResult={lastResult} cancelTo="/venues" />
    </>
  );
}
