import { apiFetch, formValues, onSubmit, showErrors, text, withDone } from './api.js';
import { retryIn } from './retry-after.js';
import { passkeyButton } from './webauthn.js';

// The API's words for an unverified address: its English contract text, or the page language's when it answers in it.
const notVerified = ['E-mail is not verified.', text('Login.ApiNotVerified')];
const form = document.getElementById('login-form');
const lockoutHelp = document.getElementById('login-lockout-help');
const unverifiedHelp = document.getElementById('login-unverified-help');
const resendStatus = document.getElementById('login-resend-status');
const mfaForm = document.getElementById('mfa-form');
// The second step's token lives only here, in memory: never in the URL or storage.
let mfaToken = null;

function showLockout(target, data, headers) {
  showErrors(target, { detail: `${data?.detail ?? text('Wait.TooManyLoginAttempts')} ${retryIn(headers)}` });
  lockoutHelp.hidden = false;
}

function backToPassword(message) {
  mfaToken = null;
  mfaForm.hidden = true;
  form.hidden = false;
  showErrors(form, { detail: message });
  form.querySelector('[name="password"]').focus();
}

onSubmit(form, async () => {
  lockoutHelp.hidden = true;
  unverifiedHelp.hidden = true;
  const { status, ok, data, headers } = await apiFetch('/accounts/login/', { method: 'POST', body: formValues(form) });
  form.querySelector('[name="password"]').value = '';
  if (ok && data?.mfa_required) {
    mfaToken = data.mfa_token;
    form.hidden = true;
    mfaForm.hidden = false;
    mfaForm.querySelector('[name="code"]').focus();
    return;
  }
  if (ok) {
    window.location.assign(withDone(form.dataset.returnUrl, 'signed-in'));
    return;
  }
  if (status === 429) {
    showLockout(form, data, headers);
  } else {
    showErrors(form, data);
    unverifiedHelp.hidden = !(data?.non_field_errors ?? []).some((message) => notVerified.includes(message));
  }
});

onSubmit(mfaForm, async () => {
  lockoutHelp.hidden = true;
  const code = mfaForm.querySelector('[name="code"]').value.trim();
  const { status, ok, data, headers } = await apiFetch('/accounts/login/mfa/', { method: 'POST', body: { mfa_token: mfaToken, code } });
  mfaForm.querySelector('[name="code"]').value = '';
  if (ok) {
    window.location.assign(withDone(form.dataset.returnUrl, 'signed-in'));
    return;
  }
  if (status === 429) {
    showLockout(mfaForm, data, headers);
  } else if (data?.mfa_token) {
    backToPassword(data.mfa_token.join(' '));
  } else {
    showErrors(mfaForm, data);
  }
});

// Sign in with a passkey alone: the authenticator offers the account (a discoverable credential), no email is typed.
const passkey = document.getElementById('passkey-login');
passkeyButton(passkey, document.getElementById('passkey-login-button'),
  '/accounts/login/passkey/options/', '/accounts/login/passkey/', withDone(passkey.dataset.returnUrl, 'signed-in'));

document.getElementById('login-resend').addEventListener('click', async () => {
  const email = form.querySelector('[name="email"]').value;
  const { ok } = await apiFetch('/accounts/join/resend-email/', { method: 'POST', body: { email } });
  resendStatus.textContent = text(ok ? 'Login.ResendSent' : 'Login.ResendWait');
});
