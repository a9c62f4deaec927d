// A run that selected no scenario says so, naming what was given. Cucumber exits 0 on a path that does
// not exist (`npm run acceptance -- features/nope`) and on tags that match nothing (`--tags @nothing`);
// the run then went on to check the behaviour catalogue against no scenario and build an empty report.
import { existsSync, readFileSync } from 'node:fs';

/** cucumber-js options that take no value: every other option is followed by one (unless written --x=y). */
const FLAGS = new Set(['-d', '--dry-run', '--fail-fast', '--strict', '--no-strict', '-b', '--backtrace', '--exit', '--force-exit', '--publish', '--publish-quiet', '--i18n-languages', '-h', '--help', '-v', '--version']);

/** The paths and the scenario filters (--tags, --name) among cucumber-js arguments. */
export function selectionOf(args: string[]): { paths: string[]; filters: string[] } {
  const paths: string[] = [];
  const filters: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) paths.push(arg);
    else if (/^(--tags|-t|--name)=/.test(arg)) filters.push(arg);
    else if (arg.includes('=') || FLAGS.has(arg)) continue;
    else {
      const value = args[(i += 1)];
      if (['--tags', '-t', '--name'].includes(arg) && value !== undefined) filters.push(`${arg} ${JSON.stringify(value)}`);
    }
  }
  return { paths, filters };
}

/**
 * Why the run selected no scenario, in one sentence naming the paths or filters given, or undefined when
 * it ran some (or wrote no message stream to tell: a profile without the message formatter).
 */
export function nothingSelected(command: string, args: string[], messages: string): string | undefined {
  if (!existsSync(messages)) return undefined;
  let documents = 0;
  let pickles = 0;
  for (const line of readFileSync(messages, 'utf8').split('\n')) {
    if (line.startsWith('{"testCase":')) return undefined;
    if (line.startsWith('{"gherkinDocument":')) documents += 1;
    else if (line.startsWith('{"pickle":')) pickles += 1;
  }
  const { paths, filters } = selectionOf(args);
  const where = paths.length ? paths.join(' ') : 'the default paths (features/)';
  const kept = 'nothing was reported, and the previous report is kept';
  if (documents === 0) return `${command} ran no scenario: ${where} ${paths.length > 1 ? 'match' : 'matches'} no feature file (the features are under features/<api>/, such as features/alm); ${kept}.`;
  const chosen = filters.length ? filters.join(' ') : 'the profile\'s tags';
  return `${command} ran no scenario: ${chosen} ${filters.length > 1 ? 'select' : 'selects'} none of the ${pickles} scenarios in ${where}; ${kept}.`;
}
