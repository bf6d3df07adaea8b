import { apiFetch, formValues, onSubmit, showErrors, text } from './api.js';

const form = document.getElementById('cancel-form');
const status = document.getElementById('cancel-status');
onSubmit(form, async () => {
  const { ok, status: code, data } = await apiFetch('/accounts/email/change/cancel/', { method: 'POST', body: formValues(form) });
  if (ok) {
    form.querySelector('button[type="submit"]').hidden = true;
    status.textContent = text('CancelEmailChange.Done');
    return;
  }
  showErrors(form, code === 404 ? { detail: text('CancelEmailChange.NotFound') } : data);
});
