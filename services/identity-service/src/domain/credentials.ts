// Rules for usernames, e-mail addresses and passwords. Pure: the caller turns
// the returned field errors into one INVALID_ARGUMENT naming every field.
import type { FieldError } from "@simhub/platform/domain";

const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 256;

const usernamePattern = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/;
// Deliberately loose (RFC 5321 allows far more than any regex should judge):
// one @, no spaces, a dot in the domain.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Usernames are unique regardless of case; this is the form they are compared in. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function checkUsername(username: string, path = "username"): FieldError[] {
  if (!username) return [{ path, message: "required" }];
  if (!usernamePattern.test(username)) {
    return [
      {
        path,
        message: "3 to 64 characters: letters, digits, '.', '_', '@' or '-', starting with a letter or digit",
      },
    ];
  }
  return [];
}

export function checkEmail(email: string, path = "email"): FieldError[] {
  if (!email) return [{ path, message: "required" }];
  if (email.length > 254 || !emailPattern.test(email)) return [{ path, message: "not an e-mail address" }];
  return [];
}

/**
 * Length 12–256 (counted in code points, so a passphrase in any script
 * counts what the user typed) and never the username itself, in any case.
 */
export function checkPassword(password: string, username: string, path = "password"): FieldError[] {
  if (!password) return [{ path, message: "required" }];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return [{ path, message: `at least ${PASSWORD_MIN_LENGTH} characters` }];
  if (length > PASSWORD_MAX_LENGTH) return [{ path, message: `at most ${PASSWORD_MAX_LENGTH} characters` }];
  if (username && normalizeUsername(password) === normalizeUsername(username)) {
    return [{ path, message: "must not equal the username" }];
  }
  return [];
}

/** The checks every new account passes. */
export function checkNewAccount(input: { username: string; email: string; password: string }): FieldError[] {
  return [
    ...checkUsername(input.username),
    ...checkEmail(input.email),
    ...checkPassword(input.password, input.username),
  ];
}
