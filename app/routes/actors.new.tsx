import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { ActorEditor } from "~/editors/actor-editor";
import { saveActor } from "~/editors/actor.server";
import { pickerOptions } from "~/models/lookup.server";

export const meta: MetaFunction = () => [{ title: "New actor · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEditor(request);
  return { sourceOptions: await pickerOptions(await getDb(), "source", []) };
}

export async function action({ request }: ActionFunctionArgs) {
  return saveActor(request);
}

export default function NewActorPage() {
  const { sourceOptions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>New actor</h1>
      <ActorEditor mode="new" lastResult={lastResult} cancelTo="/actors" sourceOptions={sourceOptions} />
    </>
  );
}
