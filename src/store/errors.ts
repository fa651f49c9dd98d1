// Refusals every store gives the same way, so the record service can act on them whichever store it runs on.

/**
 * The person a write was for does not exist (any more): the account was deleted, perhaps while the
 * request was on its way. Nothing was written.
 */
export class PersonGone extends Error {
  constructor(readonly userId: string) {
    super('that account does not exist (any more)');
    this.name = 'PersonGone';
  }
}
