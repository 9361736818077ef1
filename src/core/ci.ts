/** Whether we run under CI, as Ink decides it (is-in-ci): CI or CONTINUOUS_INTEGRATION set, and not "0"/"false". */
export function inCi(env: NodeJS.ProcessEnv): boolean {
  const set = (key: string) => key in env && env[key] !== "0" && env[key] !== "false";
  return set("CI") || set("CONTINUOUS_INTEGRATION");
}
