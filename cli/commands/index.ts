// Every planpulse command, one file each; the entry (cli/planpulse.ts) parses
// a command's flags strictly against its spec before anything runs.
import { action } from './action';
import { actions } from './actions';
import { chair } from './chair';
import { exportCommand } from './export';
import { groups } from './groups';
import { importCommand } from './import';
import { installApp } from './install-app';
import { kpi } from './kpi';
import { leads } from './leads';
import { meeting } from './meeting';
import { nudge } from './nudge';
import { provision } from './provision';
import { serve } from './serve';
import { snapshot } from './snapshot';
import type { CommandSpec } from './shared';

export type { CommandSpec, Io } from './shared';
export { INSTALL_APP_NEEDS_SHAREPOINT, installAppProblem } from './install-app';

const ALL = [serve, provision, importCommand, leads, groups, actions, action, chair, meeting, kpi, nudge, snapshot, exportCommand, installApp];

export const COMMANDS: Record<string, CommandSpec> = Object.fromEntries(ALL.map((c) => [c.name, c]));

export function usage(): string {
  return [
    'planpulse <command>',
    ...ALL.map((c) => `  ${c.usage}\n      ${c.summary}`),
    'Exit codes: 0 done; 1 failed, nothing done; 2 the command line or settings were wrong, nothing ran; 3 partly done (the last line says what).',
    'Settings come from the environment: see .env.example.',
  ].join('\n');
}
