import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireEditor } from "~/auth/session.server";
import { Breadcrumbs } from "~/components/record";
import { getDb } from "~/db.server";
import { ProcessEditor } from "~/editors/process-editor";
import { saveProcess } from "~/editors/process.server";
import { pickerOptions } from "~/models/lookup.server";

export const meta: MetaFunction = () => [{ title: "New process · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEditor(request);
  return { sources: await pickerOptions(await getDb(), "source", []) };
}

export async function action({ request }: ActionFunctionArgs) {
  return saveProcess(request);
}

export default function NewProcessPage() {
  const { sources } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs trail={[{ to: "/rounds", label: "Rounds" }, { label: "New process" }]} />
      <h1>New process</h1>
      <p className="lede">A sequence of rounds between the same parties. Its rounds are listed under Rounds.</p>
      <ProcessEditor mode="new" lastResult={lastResult} cancelTo="/rounds" sources={sources} />
    </>
  );
}
