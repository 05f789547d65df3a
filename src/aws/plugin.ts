/**
 * The plug-in point for something that answers AWS calls in place of AWS (the embedded
 * sandbox, src/sandbox/): AwsClients gives every client it builds the plugin's region and
 * credentials, then lets the plugin attach its middleware. src/aws knows nothing more
 * about it, and imports nothing from it.
 */
import type { MiddlewareHost } from './call-counter.ts';

/** The little of an SDK v3 client a plugin needs. */
export interface PluggableClient extends MiddlewareHost {
  readonly config: { readonly region?: unknown; readonly serviceId?: unknown };
}

export interface ClientPlugin {
  /** The region clients use unless AwsClients is told another. */
  readonly region: string;
  /** Credentials for the clients (a fresh object each time: the SDK annotates it). */
  credentials(): { accessKeyId: string; secretAccessKey: string };
  /** Called once for each new client: adds whatever answers its commands. */
  attach(client: PluggableClient): void;
}
