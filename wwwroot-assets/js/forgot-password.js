import { apiFetch, formValues, onSubmit, showErrors, text } from './api.js';
import { retryIn } from './retry-after.js';

const form = document.getElementById('forgot-form');
const status = document.getElementById('forgot-status');
onSubmit(form, async () => {
  status.textContent = '';
  const { ok, status: code, data, headers } = await apiFetch('/accounts/password/reset/', { method: 'POST', body: formValues(form) });
  if (ok) {
    status.textContent = text('ForgotPassword.Sent');
    return;
  }
  if (code === 429) {
    showErrors(form, { detail: `${text('Wait.TooManyRequests')} ${retryIn(headers)}` });
    return;
  }
  showErrors(form, data);
});
