/** A Lambda handler module for the sandbox's module loading (Handler echo.fixture.handler). */
export async function handler(event: unknown, context: { functionName: string }): Promise<unknown> {
  return { from: 'module', functionName: context.functionName, event, table: process.env['TABLE_NAME'] ?? null };
}
