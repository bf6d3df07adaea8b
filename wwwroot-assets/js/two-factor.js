import { onSubmit, showErrors } from './api.js';
import { apiFetchWithReauthentication } from './reauth.js';

function showRecoveryCodes(codes) {
  const list = document.getElementById('recovery-codes-list');
  list.replaceChildren(...codes.map((code) => {
    const item = document.createElement('li');
    const text = document.createElement('code');
    text.textContent = code;
    item.append(text);
    return item;
  }));
  for (const section of document.querySelectorAll('#totp-pending, #totp-active, #totp-off, #staff-notice')) section.hidden = true;
  const once = document.getElementById('recovery-codes-once');
  once.hidden = false;
  document.getElementById('two-factor-continue').focus();
}

const setup = document.getElementById('setup-form');
if (setup) {
  onSubmit(setup, async () => {
    const result = await apiFetchWithReauthentication('/accounts/mfa/totp/setup/', { method: 'POST' });
    if (result.ok) window.location.reload();
    else showErrors(setup, result.data);
  });
}

const activate = document.getElementById('activate-form');
if (activate) {
  onSubmit(activate, async () => {
    const code = activate.querySelector('[name="code"]').value.trim();
    const result = await apiFetchWithReauthentication('/accounts/mfa/totp/activate/', { method: 'POST', body: { code } });
    if (result.ok) showRecoveryCodes(result.data.recovery_codes);
    else showErrors(activate, result.data);
  });
}

const regenerate = document.getElementById('regenerate-form');
if (regenerate) {
  onSubmit(regenerate, async () => {
    const result = await apiFetchWithReauthentication('/accounts/mfa/recovery-codes/', { method: 'POST' });
    if (result.ok) showRecoveryCodes(result.data.recovery_codes);
    else showErrors(regenerate, result.data);
  });
}

const remove = document.getElementById('remove-totp-form');
if (remove) {
  onSubmit(remove, async () => {
    const result = await apiFetchWithReauthentication('/accounts/mfa/totp/', { method: 'DELETE' });
    if (result.ok) window.location.reload();
    else showErrors(remove, result.data);
  });
}
