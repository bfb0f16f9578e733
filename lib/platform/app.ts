/** tf.app.run: parses the flags, then runs main(argv), as TF1's (absl's) app.run. */
import { FLAGS, FlagsObject, programArgv } from './flags';
import * as flags from './flags';

export { flags };

/**
 * tf.app.run(main=None, argv=None): argv defaults to the script and its arguments. A bad
 * flag prints absl's fatal message and exits with status 1; main's numeric result becomes
 * the exit status; a Promise from main is returned (an async main is awaited by the caller).
 */
export function run(main?: ((argv: string[]) => unknown) | null, argv?: string[] | null, flagValues: FlagsObject = FLAGS): unknown {
  let rest: string[];
  try {
    rest = flagValues(argv ?? programArgv());
  } catch (e) {
    process.stderr.write(`FATAL Flags parsing error: ${(e as Error).message}\nPass --helpshort or --helpfull to see help on flags.\n`);
    process.exit(1);
  }
  const result = main ? main(rest) : undefined;
  if (typeof result === 'number') process.exitCode = result;
  return result;
}
