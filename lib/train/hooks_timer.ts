import { ValueError } from '../framework/errors';

/**
 * TF1's SecondOrStepTimer: says whether a hook is due at a step, every N seconds or every
 * N steps (exactly one), and how long and how many steps it has been since it last fired.
 */
export class SecondOrStepTimer {
  private lastStep: number | null = null;
  private lastTime: number | null = null;

  constructor(private readonly everySecs: number | null, private readonly everySteps: number | null) {
    if ((everySecs === null) === (everySteps === null)) {
      throw new ValueError('exactly one of every_n_secs and every_n_steps must be provided.');
    }
    if (everySteps !== null && !(everySteps > 0)) throw new ValueError(`invalid every_n_steps=${everySteps}.`);
  }

  should_trigger_for_step(step: number): boolean {
    if (this.lastStep === null) return true;
    if (this.lastStep === step) return false;
    if (this.everySecs !== null) return (performance.now() - (this.lastTime as number)) / 1000 >= this.everySecs;
    return step >= this.lastStep + (this.everySteps as number);
  }

  /** Marks the timer fired at `step`; returns [seconds, steps] since the last time (null the first time). */
  update_last_triggered_step(step: number): [number | null, number | null] {
    const now = performance.now();
    const out: [number | null, number | null] = this.lastStep === null ? [null, null]
      : [(now - (this.lastTime as number)) / 1000, step - this.lastStep];
    this.lastStep = step;
    this.lastTime = now;
    return out;
  }

  last_triggered_step(): number | null { return this.lastStep; }
}
