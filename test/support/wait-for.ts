/** Resolves once `condition` holds, checking every 10 ms for up to 20 s. */
export async function waitFor(
  condition: () => boolean,
  what: string,
): Promise<void> {
  for (let i = 0; i < 2_000; i += 1) {
    if (condition()) return;
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
