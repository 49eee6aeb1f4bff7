// Creates an editor or admin account — how the first admin comes to exist; admins add the rest in
// the app. The password comes from PARLEY_USER_PASSWORD (for scripts) or is asked for without echo.
//   npm run user:create -- --email ada@example.org --role admin [--name "Ada Lovelace"]
import { parseArgs } from "node:util";
import { z } from "zod";
import { migrateToLatest, openDatabase } from "../db/connection";
import { newUserSchema } from "../app/auth/schemas";
import { createUser } from "../app/auth/users.server";

const USAGE = 'Usage: npm run user:create -- --email <address> --role editor|admin [--name "Full Name"]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/**
 * Reads lines from the terminal without showing what is typed. Characters typed (or pasted)
 * ahead of a prompt are kept for it rather than lost with the previous line's chunk.
 */
function hiddenReader() {
  const input = process.stdin;
  let pending = "";
  let lines: string[] = [];
  let waiting: ((line: string) => void) | null = null;
  const onData = (chunk: string) => {
    for (const char of chunk) {
      if (char === "\u0003") {
        input.setRawMode(false);
        process.stdout.write("\n");
        process.exit(130);
      }
      if (char === "\r" || char === "\n") {
        lines.push(pending);
        pending = "";
      } else if (char === "\u007f" || char === "\b") pending = pending.slice(0, -1);
      else if (char >= " ") pending += char;
    }
    if (waiting && lines.length) {
      const resolve = waiting;
      waiting = null;
      process.stdout.write("\n");
      resolve(lines.shift()!);
    }
  };
  return {
    ask(prompt: string): Promise<string> {
      if (!input.isTTY) fail("No terminal to ask for the password: set PARLEY_USER_PASSWORD instead.");
      if (!input.isRaw) {
        input.setRawMode(true);
        input.setEncoding("utf8");
        input.on("data", onData);
        input.resume();
      }
      process.stdout.write(prompt);
      return new Promise((resolve) => {
        waiting = resolve;
        onData("");
      });
    },
    close() {
      if (!input.isRaw) return;
      input.setRawMode(false);
      input.off("data", onData);
      input.pause();
      lines = [];
    },
  };
}

async function password(): Promise<string> {
  const fromEnv = process.env.PARLEY_USER_PASSWORD;
  if (fromEnv) return fromEnv;
  const reader = hiddenReader();
  const first = await reader.ask("Password (at least 12 characters): ");
  const again = await reader.ask("Password again: ");
  reader.close();
  if (first !== again) fail("The two passwords differ. Nothing was created.");
  return first;
}

let args;
try {
  args = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, help: { type: "boolean", short: "h" } },
  }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!args.email || !args.role) fail(USAGE);

const parsed = newUserSchema.safeParse({
  email: args.email,
  name: args.name ?? args.email.split("@")[0],
  role: args.role,
  password: await password(),
});
if (!parsed.success) {
  const problems = Object.entries(z.flattenError(parsed.error).fieldErrors).map(([field, messages]) => `  ${field === "password" ? "password" : `--${field}`}: ${messages?.join(" ")}`);
  fail(`Nothing was created:\n${problems.join("\n")}`);
}

const { db, engine, close } = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.PARLEY_DATA_DIR || ".data",
});
let user;
try {
  await migrateToLatest(db);
  user = await createUser(db, parsed.data);
} finally {
  await close();
}
// Decided after close(): closing PGlite resets process.exitCode.
if (!user) fail(`There is already a user with the email ${parsed.data.email}. Nothing was created.`);
console.log(`Created ${user.role} ${user.name} <${user.email}> (id ${user.id}) in the ${engine} database.`);
