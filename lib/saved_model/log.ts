/**
 * TF prints "INFO:tensorflow:..." lines while saving and restoring. tensorgraph prints the
 * same (as INFO:tensorgraph) unless TENSORGRAPH_LOG_LEVEL is WARN or ERROR, as tests set it.
 */
export function logInfo(message: string): void {
  const level = (process.env.TENSORGRAPH_LOG_LEVEL ?? 'INFO').toUpperCase();
  if (level === 'WARN' || level === 'WARNING' || level === 'ERROR' || level === 'FATAL') return;
  console.log(`INFO:tensorgraph:${message}`);
}
