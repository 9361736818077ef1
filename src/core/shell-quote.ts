/** One argument as a POSIX shell reads it back: left bare when it is plainly safe, else single-quoted. */
export function shellQuote(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}
