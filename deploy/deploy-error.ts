/** A failure the user can act on: the message says what happened and what to do next. */
export class DeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployError';
  }
}
