/**
 * TF logs "INFO:tensorflow:..." lines (to stderr) while saving and restoring. tensorgraph prints the
 * same (as INFO:tensorgraph) unless TENSORGRAPH_LOG_LEVEL is WARN or ERROR, as tests set it.
 */
export function logInfo(message: string): void {
  const level = (process.env.TENSORGRAPH_LOG_LEVEL ?? 'INFO').toUpperCase();
  if (level === 'WARN' || level === 'WARNING' || level === 'ERROR' || level === 'FATAL') return;
  process.stderr.write(`INFO:tensorgraph:${message}\n`);
}
