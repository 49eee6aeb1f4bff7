import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireEditor } from "~/auth/session.server";
import { SourceEditor } from "~/editors/source-editor";
import { saveSource } from "~/editors/source.server";

export const meta: MetaFunction = () => [{ title: "New source · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEditor(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  return saveSource(request);
}

export default function NewSourcePage() {
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>New source</h1>
      <SourceEditor mode="new" lastResult={lastResult} cancelTo="/sources" />
    </>
  );
}
