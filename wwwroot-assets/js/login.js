import { apiFetch, formValues, onSubmit, safeReturnUrl, showErrors } from './api.js';

const notVerified = 'E-mail is not verified.';
const form = document.getElementById('login-form');
const lockoutHelp = document.getElementById('login-lockout-help');
const unverifiedHelp = document.getElementById('login-unverified-help');
const resendStatus = document.getElementById('login-resend-status');

onSubmit(form, async () => {
  lockoutHelp.hidden = true;
  unverifiedHelp.hidden = true;
  const { status, ok, data, headers } = await apiFetch('/accounts/login/', { method: 'POST', body: formValues(form) });
  if (ok) {
    window.location.assign(safeReturnUrl(form.dataset.returnUrl));
    return;
  }
  if (status === 429) {
    const seconds = Number(headers.get('Retry-After') ?? '0');
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    showErrors(form, { detail: `${data?.detail ?? 'Too many failed login attempts.'} You can try again in about ${minutes} minute${minutes === 1 ? '' : 's'}.` });
    lockoutHelp.hidden = false;
  } else {
    showErrors(form, data);
    unverifiedHelp.hidden = !(data?.non_field_errors ?? []).includes(notVerified);
  }
  form.querySelector('[name="password"]').value = '';
});

document.getElementById('login-resend').addEventListener('click', async () => {
  const email = form.querySelector('[name="email"]').value;
  const { ok } = await apiFetch('/accounts/join/resend-email/', { method: 'POST', body: { email } });
  resendStatus.textContent = ok ? 'Sent. Check your inbox.' : 'Please wait a few minutes before asking again.';
});
