export const TEST_PASSWORD = 'Tr0ub4dor&3-horse';

let counter = 0;
/** A valid sign-up body with names no other test uses; `overrides` change single fields. */
export function signUpBody(overrides: Record<string, unknown> = {}): Record<string, any> {
  counter += 1;
  const tag = `${Date.now().toString(36)}${counter}`;
  return {
    username: `u${tag}`,
    email: `u${tag}@example.com`,
    password: TEST_PASSWORD,
    passwordConfirm: TEST_PASSWORD,
    nickname: '小明',
    ...overrides,
  };
}
