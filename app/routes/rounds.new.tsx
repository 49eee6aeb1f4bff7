import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireEditor } from "~/auth/session.server";
import { Breadcrumbs } from "~/components/record";
import { getDb } from "~/db.server";
import { RoundEditor } from "~/editors/round-editor";
import { roundEditorOptions, saveRound } from "~/editors/round.server";
import { parseQuery, slugParam } from "~/utils/query.server";

export const meta: MetaFunction = () => [{ title: "New round · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEditor(request);
  const options = await roundEditorOptions(await getDb(), { actors: [], sources: [] });
  // "New round" from a list filtered by process starts in that process; with one process, in it.
  // Only a hint: a malformed or unknown one leaves the choice to the editor.
  const wanted = parseQuery(new URL(request.url), z.object({ process: slugParam.optional() })).query.process;
  const process = options.processes.find((p) => p.slug === wanted) ?? (options.processes.length === 1 ? options.processes[0] : undefined);
  return { options, process: process?.value };
}

export async function action({ request }: ActionFunctionArgs) {
  return saveRound(request);
}

export default function NewRoundPage() {
  const { options, process } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs trail={[{ to: "/rounds", label: "Rounds" }, { label: "New round" }]} />
      <h1>New round</h1>
      <RoundEditor mode="new" lastResult={lastResult} cancelTo="/rounds" options={options} defaultValue={{ process }} />
    </>
  );
}
