import { apiFetch, formValues, onSubmit, showErrors } from './api.js';

const form = document.getElementById('verify-form');
const status = document.getElementById('verify-status');
onSubmit(form, async () => {
  const { ok, status: code, data } = await apiFetch('/accounts/join/verify-email/', { method: 'POST', body: formValues(form) });
  if (ok) {
    form.querySelector('button[type="submit"]').hidden = true;
    status.textContent = 'Your address is confirmed. Thank you.';
    return;
  }
  showErrors(form, code === 404 ? { detail: 'This link is invalid, used or expired. Log in to ask for a new one.' } : data);
});
