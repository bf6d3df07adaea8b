import { apiFetch, formValues, onSubmit, showErrors, text } from './api.js';

const form = document.getElementById('verify-form');
const status = document.getElementById('verify-status');
onSubmit(form, async () => {
  const { ok, status: code, data } = await apiFetch('/accounts/join/verify-email/', { method: 'POST', body: formValues(form) });
  if (ok) {
    form.querySelector('button[type="submit"]').hidden = true;
    status.textContent = text('VerifyEmail.Done');
    return;
  }
  showErrors(form, code === 404 ? { detail: text('VerifyEmail.NotFound') } : data);
});
