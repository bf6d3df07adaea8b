import { clearErrors, formValues, showErrors, text } from './api.js';
import { apiFetchWithReauthentication } from './reauth.js';
import { ceremonyMessage, createPasskey, supportsPasskeys } from './webauthn.js';

// The Passkeys section of /account: add (a WebAuthn registration), rename, remove. The list is server-rendered;
// after adding or removing one the page is loaded again.
const section = document.getElementById('passkeys');
const add = document.getElementById('passkey-add-form');
const status = document.getElementById('passkeys-status');

function fail(data) {
  showErrors(section, data);
}

if (supportsPasskeys()) {
  add.hidden = false;
} else {
  document.getElementById('passkeys-unsupported').hidden = false;
}

add.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(section);
  const submit = add.querySelector('button[type="submit"]');
  submit.disabled = true;
  try {
    const options = await apiFetchWithReauthentication('/accounts/passkeys/options/', { method: 'POST' });
    if (!options.ok) return fail(options.data);
    let credential;
    try {
      credential = await createPasskey(options.data);
    } catch (error) {
      return fail({ detail: ceremonyMessage(error) });
    }
    const body = { credential, ...formValues(add, ['name']) };
    const result = await apiFetchWithReauthentication('/accounts/passkeys/', { method: 'POST', body });
    if (!result.ok) return fail(result.data);
    window.location.reload();
  } finally {
    submit.disabled = false;
  }
});

for (const form of section.querySelectorAll('form.passkey-rename')) {
  const url = `/accounts/passkeys/${encodeURIComponent(form.dataset.passkeyId)}/`;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(section);
    status.textContent = '';
    const result = await apiFetchWithReauthentication(url, { method: 'PATCH', body: formValues(form) });
    if (!result.ok) return fail(result.data);
    form.querySelector('input[name="name"]').value = result.data.name;
    status.textContent = text('Passkeys.Renamed');
  });
  form.querySelector('button.passkey-remove').addEventListener('click', async () => {
    clearErrors(section);
    const result = await apiFetchWithReauthentication(url, { method: 'DELETE' });
    if (!result.ok) return fail(result.data);
    window.location.reload();
  });
}
