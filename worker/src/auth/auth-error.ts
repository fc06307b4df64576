/** A token that did not verify, with a reason a developer can act on (answered 401 on REST, 4001 on the socket). */
export class AuthError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}
