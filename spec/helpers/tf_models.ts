import * as fs from 'fs';
import * as path from 'path';

/**
 * The TensorFlow-written fixtures, ../shared/tf_models beside the repository (not copied into
 * it); a git worktree one level deeper (wt/<name>) finds them one folder further up.
 * Missing fixtures fail the test that needs them: skipping would hide the gap in CI.
 */
export function tfModelsDir(): string {
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  // TENSORGRAPH_TF_MODELS overrides; else ../shared beside the checkout (or beside a worktree's parent), else the
  // workplace's shared folder, so a checkout elsewhere (a CI clone in /tmp) still finds the fixtures.
  const candidates = [
    ...(process.env.TENSORGRAPH_TF_MODELS ? [path.resolve(process.env.TENSORGRAPH_TF_MODELS)] : []),
    path.resolve(repoRoot, '..', 'shared', 'tf_models'), path.resolve(repoRoot, '..', '..', 'shared', 'tf_models'),
    '/work/shared/tf_models',
  ];
  const dir = candidates.find((d) => fs.existsSync(path.join(d, 'README.md')));
  if (!dir) {
    throw new Error(`TensorFlow fixtures not found at ${candidates.join(' or ')}: they are expected in ../shared/tf_models relative to the repository root`);
  }
  return dir;
}

export function tfModel(...parts: string[]): string {
  return path.join(tfModelsDir(), ...parts);
}
