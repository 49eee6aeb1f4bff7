// The header's account area: a sign-in link for readers; name, role, user admin and sign-out for editors.
import { Form, useLocation } from "@remix-run/react";
import { Link } from "~/components/link";
import type { SessionUser } from "~/auth/session.server";
import { CsrfInput } from "./csrf";

export function AccountNav({ user }: { user: SessionUser | null }) {
  const location = useLocation();
  if (!user) {
    const here = location.pathname + location.search;
    const to = location.pathname === "/" || location.pathname === "/login" ? "/login" : `/login?${new URLSearchParams({ redirectTo: here })}`;
    return (
      <div className="account">
        <Link to={to} className="account-link">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <div className="account">
      <span>
        Signed in as {user.name} ({user.role})
      </span>
      {user.role === "admin" ? (
        <>
          <span aria-hidden="true"> · </span>
          <Link to="/admin/users" className="account-link">
            Users
          </Link>
        </>
      ) : null}
      <span aria-hidden="true"> · </span>
      <Form method="post" action="/logout" className="inline-form">
        <CsrfInput />
        <button type="submit" className="link-button">
          Sign out
        </button>
      </Form>
    </div>
  );
}
