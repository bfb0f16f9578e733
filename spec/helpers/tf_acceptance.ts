import * as fs from 'fs';
import * as path from 'path';

/**
 * The acceptance models written by Python TensorFlow, ../shared/tf_acceptance beside the
 * repository (not copied into it); found as tf_models.ts finds its fixtures. Missing ones fail
 * the test that needs them.
 */
export function tfAcceptanceDir(): string {
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  // TENSORGRAPH_TF_ACCEPTANCE overrides; else ../shared beside the checkout (or beside a worktree's parent), else the
  // workplace's shared folder.
  const candidates = [
    ...(process.env.TENSORGRAPH_TF_ACCEPTANCE ? [path.resolve(process.env.TENSORGRAPH_TF_ACCEPTANCE)] : []),
    path.resolve(repoRoot, '..', 'shared', 'tf_acceptance'), path.resolve(repoRoot, '..', '..', 'shared', 'tf_acceptance'),
    '/work/shared/tf_acceptance',
  ];
  const dir = candidates.find((d) => fs.existsSync(path.join(d, 'README.md')));
  if (!dir) {
    throw new Error(`TensorFlow acceptance models not found at ${candidates.join(' or ')}: they are expected in ../shared/tf_acceptance relative to the repository root`);
  }
  return dir;
}

export function tfAcceptanceModel(...parts: string[]): string {
  return path.join(tfAcceptanceDir(), ...parts);
}
