import { expect, test } from './fixtures/test';
import { RegisterPage } from './fixtures/register_page';

// Client-side only (nothing is sent): runs on desktop and mobile.

type PasswordRules = Partial<Record<'length' | 'classes' | 'allowed' | 'noSpaces' | 'notUsername', boolean>>;
type UsernameRules = Partial<Record<'length' | 'allowed' | 'noSpaces' | 'noAsterisk', boolean>>;

const USERNAME = 'jordan86';

// Member policy: 8 to 32 characters; at least 3 of upper, lower, digit, special;
// specials only @ . _ -; no spaces; must not contain the username.
const PASSWORD_STEPS: Array<[string, PasswordRules]> = [
  ['abc', { length: false, classes: false, allowed: true, noSpaces: true, notUsername: true }],
  ['abcdefgh', { length: true, classes: false }],
  ['abcdefg1', { length: true, classes: false }],
  ['abcdefG1', { length: true, classes: true, allowed: true, noSpaces: true, notUsername: true }],
  ['abcdef.1', { classes: true, allowed: true }],
  ['Abcdefg1!', { classes: true, allowed: false }],
  ['Abcdefg1@', { allowed: true }],
  ['Abcd efg1', { noSpaces: false }],
  ['Jordan86.x', { notUsername: false, length: true, classes: true }],
  ['xJORDAN86x', { notUsername: false }],
  ['Abcdefg1'.repeat(4), { length: true }],
  ['Abcdefg1'.repeat(4) + 'a', { length: false }],
  ['Sunny.Day7', { length: true, classes: true, allowed: true, noSpaces: true, notUsername: true }],
];

// Usernames: 5 to 10 characters; letters, digits and . _ -; no spaces; no asterisk.
const USERNAME_STEPS: Array<[string, UsernameRules]> = [
  ['jo', { length: false, allowed: true, noSpaces: true, noAsterisk: true }],
  ['jordan86', { length: true, allowed: true, noSpaces: true, noAsterisk: true }],
  ['jordan86jordan', { length: false }],
  ['jor!dan', { allowed: false, noAsterisk: true }],
  ['jor dan', { noSpaces: false }],
  ['jor*dan', { noAsterisk: false, noSpaces: true }],
  ['j.or_d-an', { length: true, allowed: true }],
];

test.describe('password and username checklists', () => {
  test('each password rule turns met / not met as you type', async ({ page }) => {
    const register = new RegisterPage(page);
    await register.goto();
    await register.username.fill(USERNAME);

    const rules = {
      length: register.passwordRule(/8 to 32 characters/i),
      classes: register.passwordRule(/at least 3 of/i),
      allowed: register.passwordRule(/only letters, digits and/i),
      noSpaces: register.passwordRule(/no spaces/i),
      notUsername: register.passwordRule(/not contain your username/i),
    };
    // The allowed-characters rule names the allowed specials.
    await expect(rules.allowed).toContainText('@ . _ -');

    // Typed key by key first: the list follows every keystroke.
    await register.password.pressSequentially('Sunny.D');
    await register.expectRule(rules.length, false);
    await register.password.pressSequentially('a');
    await register.expectRule(rules.length, true);
    await register.expectRule(rules.classes, true);

    for (const [value, expected] of PASSWORD_STEPS) {
      await test.step(`password "${value}"`, async () => {
        await register.password.fill(value);
        for (const [rule, met] of Object.entries(expected)) {
          await register.expectRule(rules[rule as keyof typeof rules], met);
        }
      });
    }
  });

  test('each username rule turns met / not met as you type', async ({ page }) => {
    const register = new RegisterPage(page);
    await register.goto();

    const rules = {
      length: register.usernameRule(/5 to 10 characters/i),
      allowed: register.usernameRule(/only letters, digits/i),
      noSpaces: register.usernameRule(/no spaces/i),
      noAsterisk: register.usernameRule(/asterisk/i),
    };

    await register.username.pressSequentially('jord');
    await register.expectRule(rules.length, false);
    await register.username.pressSequentially('a');
    await register.expectRule(rules.length, true);

    for (const [value, expected] of USERNAME_STEPS) {
      await test.step(`username "${value}"`, async () => {
        await register.username.fill(value);
        for (const [rule, met] of Object.entries(expected)) {
          await register.expectRule(rules[rule as keyof typeof rules], met);
        }
      });
    }
  });
});
