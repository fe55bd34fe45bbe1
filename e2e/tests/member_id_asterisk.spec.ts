import { test } from './fixtures/test';
import { RegisterPage } from './fixtures/register_page';

// Client-side only: runs on desktop and mobile.
test('member ID typed as printed on the card explains the asterisk and the two digits', async ({ page }) => {
  const register = new RegisterPage(page);
  await register.goto();
  await register.useIdentity();

  // Copied with the asterisk, as printed on the card.
  await register.memberId.fill('100200300*02');
  await register.memberId.press('Tab');
  await register.expectFieldError(register.memberId, /asterisk/i);

  // Only the nine digits before the asterisk.
  await register.memberId.fill('100200300');
  await register.memberId.press('Tab');
  await register.expectFieldError(register.memberId, /two digits/i);

  // All eleven digits: no message.
  await register.memberId.fill('10020030002');
  await register.memberId.press('Tab');
  await register.expectFieldValid(register.memberId);
});
