import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useRouteLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { readCsrfForm } from "~/auth/csrf.server";
import { signOut } from "~/auth/session.server";
import { CsrfInput } from "~/components/csrf";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = () => [{ title: "Sign out · Parley" }];

export async function action({ request }: ActionFunctionArgs) {
  await readCsrfForm(request);
  return signOut(request, "/");
}

// Signing out changes state, so it happens only by POST; a plain visit (an old link, a typed
// address) gets a page with the button instead of signing out behind the reader's back.
export default function LogoutPage() {
  const user = useRouteLoaderData<typeof rootLoader>("root")?.user;
  return (
    <section className="account-page">
      <h1>Sign out</h1>
      {user ? (
        <Form method="post" className="account-form">
          <CsrfInput />
          <p>
            You are signed in as {user.name} ({user.email}).
          </p>
          <div className="field">
            <button type="submit">Sign out</button>
          </div>
        </Form>
      ) : (
        <p>
          You are not signed in. <Link to="/">Go to the overview</Link>.
        </p>
      )}
    </section>
  );
}
