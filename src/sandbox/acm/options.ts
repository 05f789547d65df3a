/**
 * UpdateCertificateOptions: Certificate Transparency logging on or off for a certificate
 * (ACM's only option a public certificate can change after the request).
 */
import type { UpdateCertificateOptionsCommandInput, UpdateCertificateOptionsCommandOutput } from '@aws-sdk/client-acm';
import type { OperationTable } from '../service.ts';
import { certificateOf, settle } from './certificate-rules.ts';
import type { AcmCtx, AcmState } from './state.ts';

const PREFERENCES = ['ENABLED', 'DISABLED'];

export const optionOperations = {
  UpdateCertificateOptions(input: UpdateCertificateOptionsCommandInput, ctx: AcmCtx): Omit<UpdateCertificateOptionsCommandOutput, '$metadata'> {
    settle(ctx);
    const c = certificateOf(ctx, input.CertificateArn);
    const preference = input.Options?.CertificateTransparencyLoggingPreference;
    if (preference === undefined) ctx.fail('ValidationException', "1 validation error detected: Value null at 'options' failed to satisfy constraint: Member must not be null");
    if (!PREFERENCES.includes(preference)) {
      ctx.fail('ValidationException', `1 validation error detected: Value '${preference}' at 'options.certificateTransparencyLoggingPreference' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]`);
    }
    c.transparencyLogging = preference;
    return {};
  },
} satisfies OperationTable<AcmState>;
