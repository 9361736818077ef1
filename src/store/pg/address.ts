// A PostgreSQL store's address: told apart from a SQLite file, and shown only with its password masked.

/** Whether a --store value names a PostgreSQL database rather than a SQLite file. */
export function isPostgresAddress(value: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(value);
}

/** The address as it may be shown: its password, if any, replaced by `***`. */
export function maskedAddress(address: string): string {
  try {
    const url = new URL(address);
    if (url.password !== "") url.password = "***";
    return url.toString();
  } catch {
    // Not a URL a password can be told apart in: show none of what follows the scheme's user part.
    return address.replace(/\/\/[^@/]*@/, "//***@");
  }
}

/**
 * `text` with every form of the address's password (as written, and decoded from the URL) replaced by `***`:
 * a driver's or server's message may quote either.
 */
export function withoutSecrets(text: string, address: string): string {
  let password = "";
  try {
    password = new URL(address).password;
  } catch {
    return text;
  }
  if (password === "") return text;
  const forms = new Set([password, safeDecode(password)].filter((form) => form.length > 0));
  let out = text;
  for (const form of forms) out = out.split(form).join("***");
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
