/** Python's TypeError for bad fetch/feed arguments (JS's TypeError, named for clarity). */
export class TypeError extends globalThis.TypeError {
  constructor(message: string) { super(message); this.name = 'TypeError'; }
}
