import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { CommitmentEditor } from "~/editors/commitment-editor";
import { commitmentOptions, saveCommitment } from "~/editors/commitment.server";

export const meta: MetaFunction = () => [{ title: "New commitment · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEditor(request);
  return { options: await commitmentOptions(await getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  return saveCommitment(request);
}

export default function NewCommitmentPage() {
  const { options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>New commitment</h1>
      <CommitmentEditor mode="new" lastResult={lastResult} cancelTo="/commitments" options={options} />
    </>
  );
}
