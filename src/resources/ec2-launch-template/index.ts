/**
 * ec2.launch-template: what the Auto Scaling group launches. Any change creates a new
 * version and makes it the default; `${lt.latestVersion}` lets the ASG follow it.
 */
export { launchTemplateKind, launchTemplateProperties, type LaunchTemplateProperties } from './schema.ts';
export { launchTemplateAdapter, type ObservedLaunchTemplate } from './adapter.ts';
