// Account form schemas, shared by the browser (Conform validates as you type) and the server
// (the action parses the same form data again), and by scripts/user-create.ts.
import { z } from "zod";
import { USER_ROLES } from "@db/enums";

export const MIN_PASSWORD_LENGTH = 12;
/** bcrypt reads only the first 72 bytes of a password; refusing longer ones beats ignoring the rest. */
export const MAX_PASSWORD_BYTES = 72;

export const emailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter an email address like name@example.org." }).max(254, { error: "This email address is too long." }));

export const newPasswordSchema = z
  .string({ error: "Enter a password." })
  .min(MIN_PASSWORD_LENGTH, { error: `Use at least ${MIN_PASSWORD_LENGTH} characters.` })
  .refine((p) => new TextEncoder().encode(p).length <= MAX_PASSWORD_BYTES, {
    error: `Use at most ${MAX_PASSWORD_BYTES} bytes: ${MAX_PASSWORD_BYTES} plain letters, fewer with accented letters or symbols.`,
  });

export const loginSchema = z.object({
  email: emailSchema,
  // No length rule here: signing in checks the password, it does not judge it.
  password: z.string({ error: "Enter your password." }),
  redirectTo: z.string().optional(),
});

export const userNameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, { error: "Enter a name." })
  .max(120, { error: "Use at most 120 characters." });

export const roleSchema = z.enum(USER_ROLES, { error: "Choose editor or admin." });

export const newUserSchema = z.object({
  email: emailSchema,
  name: userNameSchema,
  role: roleSchema,
  password: newPasswordSchema,
});

export type NewUser = z.infer<typeof newUserSchema>;
