/**
 * The Lambda simulator's suites, run in one process so the Lambda client loads once.
 */
import './lambda/functions.ts';
import './lambda/updates.ts';
import './lambda/permissions-tags.ts';
import './lambda/invoke.ts';
