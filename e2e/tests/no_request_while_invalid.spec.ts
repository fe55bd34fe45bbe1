import { expect, test } from './fixtures/test';
import { type Credentials, type Identity, RegisterPage, UNREGISTERED } from './fixtures/register_page';

const VALID_IDENTITY: Identity = UNREGISTERED.jordan;
const VALID: Credentials = { username: 'jordan86', password: 'Sunny.Day7' };

const BROKEN: Array<{ name: string; identity: Identity; credentials: Credentials }> = [
  { name: 'password too short', identity: VALID_IDENTITY, credentials: { ...VALID, password: 'Sun.1', confirm: 'Sun.1' } },
  { name: 'password with a space', identity: VALID_IDENTITY, credentials: { ...VALID, password: 'Sunny Day7', confirm: 'Sunny Day7' } },
  { name: 'password contains the username', identity: VALID_IDENTITY, credentials: { ...VALID, password: 'Jordan86.x', confirm: 'Jordan86.x' } },
  { name: 'passwords differ', identity: VALID_IDENTITY, credentials: { ...VALID, confirm: 'Sunny.Day8' } },
  { name: 'username with a space', identity: VALID_IDENTITY, credentials: { ...VALID, username: 'jor dan' } },
  { name: 'member ID with the asterisk', identity: { ...VALID_IDENTITY, memberId: '100200300*02' }, credentials: VALID },
];

// Nothing reaches the server, so this runs on desktop and mobile.
test.describe('no registration request while a rule is broken', () => {
  for (const { name, identity, credentials } of BROKEN) {
    test(name, async ({ page }) => {
      const register = new RegisterPage(page);
      await register.goto();
      await register.useIdentity();
      await register.fillIdentity(identity);
      await register.fillCredentials(credentials);

      const sent = register.recordRegisterRequests();
      // A disabled button also sends nothing; an enabled one must not either.
      if (await register.createAccount.isEnabled()) {
        await register.createAccount.click();
      }
      // Proving an absence: give a wrongly sent request time to show up.
      await page.waitForTimeout(1_000);

      expect(sent.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
      await expect(page).toHaveURL(/\/register/);
      await expect(register.createAccount).toBeVisible();
    });
  }
});
