import { apiFetch, clearErrors, onSubmit, safeReturnUrl, showErrors } from './api.js';
import { ceremonyMessage, getPasskey, supportsPasskeys } from './webauthn.js';

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
const passkey = document.getElementById('passkey-confirm');
const passkeyButton = document.getElementById('passkey-confirm-button');
if (supportsPasskeys()) passkey.hidden = false;
passkeyButton.addEventListener('click', async () => {
  clearErrors(passkey);
  passkeyButton.disabled = true;
  try {
    const options = await apiFetch('/accounts/reauthenticate/passkey/options/', { method: 'POST' });
    if (!options.ok) return showErrors(passkey, options.data);
    let credential;
    try {
      credential = await getPasskey(options.data);
    } catch (error) {
      return showErrors(passkey, { detail: ceremonyMessage(error) });
    }
    const result = await apiFetch('/accounts/reauthenticate/passkey/', { method: 'POST', body: { credential } });
    if (result.ok) {
      window.location.assign(safeReturnUrl(form.dataset.returnUrl));
      return;
    }
    showErrors(passkey, result.data);
  } finally {
    passkeyButton.disabled = false;
  }
});
