export async function initCommand(_dir: string | undefined): Promise<number> {
  return 0;
}
