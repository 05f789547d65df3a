/**
 * The function's configuration, from its environment (blog.spec.yaml: s3EventsFunction's
 * environment). Read when the execution environment starts; a bad value is an error that
 * says which variable and what to set, thrown from every invocation until it is fixed.
 */
export interface LambdaConfig {
  /** The object table: a table name or a table ARN (DynamoDB takes either). */
  readonly tableName: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/;

export function readConfig(env: Readonly<Record<string, string | undefined>>): LambdaConfig {
  const table = env['TABLE_NAME'];
  if (table === undefined || table.trim() === '') {
    throw new ConfigError("TABLE_NAME is not set: set the function's environment variable TABLE_NAME to the DynamoDB table that records the bucket's objects");
  }
  if (!TABLE_NAME.test(table) && !TABLE_ARN.test(table)) {
    throw new ConfigError(`TABLE_NAME ${JSON.stringify(table)} is neither a DynamoDB table name (3-255 letters, digits, '_', '-', '.') nor a table ARN`);
  }
  return { tableName: table };
}
