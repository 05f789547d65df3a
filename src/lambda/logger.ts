/**
 * Structured logs: one JSON line per record outcome (pino), with the invocation's request
 * id; never object contents (the handler never reads them). Written to stdout, which Lambda
 * sends to the function's log group; on Linux, writes to a pipe are synchronous, so no line
 * is lost when the execution environment is frozen after the invocation.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export function createLogger(destination: DestinationStream = process.stdout): Logger {
  return pino(
    {
      base: undefined,
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
