import { apiFetch, onSubmit, safeReturnUrl, showErrors } from './api.js';
import { passkeyButton } from './webauthn.js';

const form = document.getElementById('confirm-form');
onSubmit(form, async () => {
  const code = form.querySelector('[name="code"]').value.trim();
  const result = await apiFetch('/accounts/reauthenticate/', { method: 'POST', body: { code } });
  if (result.ok) {
    window.location.assign(safeReturnUrl(form.dataset.returnUrl));
    return;
  }
  showErrors(form, result.data);
  form.querySelector('[name="code"]').value = '';
});

// A passkey is a second factor too: one of the user's own passkeys adds "hwk" to this session.
passkeyButton(document.getElementById('passkey-confirm'), document.getElementById('passkey-confirm-button'),
  '/accounts/reauthenticate/passkey/options/', '/accounts/reauthenticate/passkey/', form.dataset.returnUrl);
