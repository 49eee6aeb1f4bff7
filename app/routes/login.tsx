import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { csrfFor, readCsrfForm } from "~/auth/csrf.server";
import { loginSchema } from "~/auth/schemas";
import { getUser, safeRedirect, signIn } from "~/auth/session.server";
import { clientAddress } from "~/auth/throttle.server";
import { authenticate } from "~/auth/users.server";
import { FormErrors, InputField, firstInvalid } from "~/components/form";
import { CsrfInput } from "~/components/csrf";
import { getDb } from "~/db.server";
import { parseQuery } from "~/utils/query.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Parley" }];

// Only cookies pass from an action to the page's response by themselves; Retry-After is passed on here.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

const loginQuerySchema = z.object({ redirectTo: z.string().max(2000).optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  // A bad or foreign redirectTo is not the reader's mistake to fix: it falls back to the overview.
  const { query } = parseQuery(new URL(request.url), loginQuerySchema);
  const redirectTo = safeRedirect(query.redirectTo);
  if (await getUser(request)) throw redirect(redirectTo);
  // Readers carry no session; the form's token is created here, with the cookie that holds it.
  const { token, setCookie } = await csrfFor(request);
  return data({ redirectTo, csrf: token }, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readCsrfForm(request);
  const submission = parseWithZod(form, { schema: loginSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });

  const { email, password, redirectTo } = submission.value;
  const result = await authenticate(await getDb(), { email, password, ip: clientAddress(request, context) });
  if (!result.ok) {
    const headers = result.status === 429 ? { "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)) } : undefined;
    return data(submission.reply({ formErrors: [result.message], hideFields: ["password"] }), { status: result.status, headers });
  }
  return signIn(request, result.user.id, safeRedirect(redirectTo));
}

export default function LoginPage() {
  const { redirectTo, csrf } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    constraint: getZodConstraint(loginSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  });
  // Without JavaScript, focus the first field in error; after a refused sign-in, the password.
  const focus = firstInvalid(fields, ["email", "password"]) ?? (form.errors ? "password" : undefined);
  // With JavaScript, Conform focuses a field in error; a refused sign-in has none, so do it here.
  useEffect(() => {
    if (lastResult?.error?.[""]?.length) document.getElementById(fields.password.id)?.focus();
  }, [lastResult, fields.password.id]);
  return (
    <section className="account-page">
      <h1>Sign in</h1>
      <p className="lede">For editors and administrators. Reading Parley needs no account.</p>
      <Form method="post" {...getFormProps(form)} className="account-form">
        <CsrfInput token={csrf} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField field={fields.email} label="Email" type="email" autoComplete="username" autoFocus={focus === "email"} />
        <InputField field={fields.password} label="Password" type="password" autoComplete="current-password" autoFocus={focus === "password"} />
        <div className="field">
          <button type="submit" disabled={submitting}>
            {submitting ? "Signing in…" : "Sign in"}
          </button>
        </div>
      </Form>
    </section>
  );
}
