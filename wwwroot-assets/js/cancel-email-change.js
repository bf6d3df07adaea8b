import { apiFetch, formValues, onSubmit, showErrors } from './api.js';

const form = document.getElementById('cancel-form');
const status = document.getElementById('cancel-status');
onSubmit(form, async () => {
  const { ok, status: code, data } = await apiFetch('/accounts/email/change/cancel/', { method: 'POST', body: formValues(form) });
  if (ok) {
    form.querySelector('button[type="submit"]').hidden = true;
    status.textContent = 'The change is cancelled. The account keeps its current address.';
    return;
  }
  showErrors(form, code === 404 ? { detail: 'There is no pending change for this link (it was confirmed, cancelled or has expired).' } : data);
});
