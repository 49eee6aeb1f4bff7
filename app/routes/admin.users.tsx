import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { USER_ROLES, enumLabel } from "@db/enums";
import { readCsrfForm } from "~/auth/csrf.server";
import { MIN_PASSWORD_LENGTH, newUserSchema } from "~/auth/schemas";
import { requireAdmin } from "~/auth/session.server";
import { createUser, listUsers, setUserDisabled } from "~/auth/users.server";
import { FormErrors, InputField, SelectField, firstInvalid } from "~/components/form";
import { CsrfInput } from "~/components/csrf";
import { getDb } from "~/db.server";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Users · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireAdmin(request);
  return { me, users: await listUsers(await getDb()) };
}

const accessSchema = z.object({
  intent: z.enum(["disable", "enable"]),
  userId: z.coerce.number().int().positive(),
});

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireAdmin(request);
  const form = await readCsrfForm(request);
  const db = await getDb();

  if (form.get("intent") === "create") {
    const submission = parseWithZod(form, { schema: newUserSchema });
    if (submission.status !== "success") return data({ create: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
    const created = await createUser(db, submission.value);
    if (!created) {
      const taken = submission.reply({ fieldErrors: { email: ["There is already a user with this email address."] }, hideFields: ["password"] });
      return data({ create: taken }, { status: 409 });
    }
    return { create: submission.reply({ resetForm: true }), notice: `Added ${created.name} (${created.email}) as ${created.role}.` };
  }

  const parsed = accessSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: "This request did not say which user to disable or enable. Reload the page and try again." }, { status: 400 });
  const { intent, userId } = parsed.data;
  if (userId === me.id) return data({ error: "You cannot disable or enable your own account." }, { status: 400 });
  const changed = await setUserDisabled(db, userId, intent === "disable");
  if (!changed) return data({ error: "There is no such user. Reload the page to see the current list." }, { status: 404 });
  return {
    notice:
      intent === "disable"
        ? `Disabled ${changed.name} (${changed.email}). They are signed out at their next request.`
        : `Enabled ${changed.name} (${changed.email}) again.`,
  };
}

const ROLE_OPTIONS = USER_ROLES.map((r) => ({ value: r, label: enumLabel(r) }));

export default function UsersPage() {
  const { me, users } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const creating = navigation.state === "submitting" && navigation.formData?.get("intent") === "create";
  const [form, fields] = useForm({
    id: "add-user",
    lastResult: result && "create" in result ? result.create : undefined,
    constraint: getZodConstraint(newUserSchema),
    defaultValue: { role: "editor" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newUserSchema }),
  });
  const focus = firstInvalid(fields, ["email", "name", "role", "password"]);
  const notice = result && "notice" in result ? result.notice : undefined;
  const error = result && "error" in result ? result.error : undefined;

  return (
    <>
      <h1>Users</h1>
      <p className="lede">
        Editors create, edit, delete and restore records. Administrators also manage users. Readers need no account.
      </p>
      <div role="status">{notice ? <p className="notice">{notice}</p> : null}</div>
      <div role="alert">{error ? <p className="alert">{error}</p> : null}</div>

      <div className="table-scroll">
        <table>
          <caption>
            {users.length} {users.length === 1 ? "user" : "users"}
          </caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Access</th>
              <th scope="col">
                <span className="sr-only">Change access</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.email}</th>
                <td>{u.name}</td>
                <td>{enumLabel(u.role)}</td>
                <td>{u.disabledAt ? `Disabled since ${formatDate(u.disabledAt.slice(0, 10), "day")}` : "Active"}</td>
                <td>
                  {u.id === me.id ? (
                    <span className="muted">You</span>
                  ) : (
                    <Form method="post" className="inline-form">
                      <CsrfInput />
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" name="intent" value={u.disabledAt ? "enable" : "disable"} className="secondary">
                        {u.disabledAt ? "Enable" : "Disable"}
                        <span className="sr-only"> {u.email}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="add-user-heading">Add a user</h2>
      <Form method="post" {...getFormProps(form)} aria-labelledby="add-user-heading" className="account-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField field={fields.email} label="Email" type="email" autoComplete="off" autoFocus={focus === "email"} />
        <InputField field={fields.name} label="Name" type="text" autoComplete="off" autoFocus={focus === "name"} />
        <SelectField field={fields.role} label="Role" options={ROLE_OPTIONS} autoFocus={focus === "role"} />
        <InputField
          field={fields.password}
          label="Initial password"
          type="password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. Give it to the person by a safe channel.`}
          autoComplete="new-password"
          autoFocus={focus === "password"}
        />
        <div className="field">
          <button type="submit" disabled={creating}>
            {creating ? "Adding…" : "Add user"}
          </button>
        </div>
      </Form>
    </>
  );
}
