import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { VenueEditor } from "~/editors/venue-editor";
import { saveVenue } from "~/editors/venue.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${data.venue.city} · Parley` : "Edit venue · Parley" }];

async function findVenue(slug: string | undefined) {
  const venue = await (await getDb())
    .selectFrom("venues")
    .select(["id", "slug", "city", "country", "country_code", "latitude", "longitude", "description", "version"])
    .where("slug", "=", slug ?? "")
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!venue) throw new Response(`There is no venue called "${slug}".`, { status: 404 });
  return venue;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireEditor(request);
  return { venue: await findVenue(params.slug) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireEditor(request);
  const venue = await findVenue(params.slug);
  return saveVenue(request, venue.id);
}

export default function EditVenuePage() {
  const { venue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>Edit venue: {venue.city}</h1>
      <VenueEditor
        mode="edit"
        version={venue.version}
        lastResult={lastResult}
        cancelTo={`/venues/${venue.slug}`}
        defaultValue={{
          city: venue.city,
          country: venue.country,
          countryCode: venue.country_code,
          latitude: venue.latitude,
          longitude: venue.longitude,
          description: venue.description,
          slug: venue.slug,
        }}
      />
    </>
  );
}
