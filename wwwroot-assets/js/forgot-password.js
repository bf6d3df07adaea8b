import { apiFetch, formValues, onSubmit, showErrors } from './api.js';

const form = document.getElementById('forgot-form');
const status = document.getElementById('forgot-status');
onSubmit(form, async () => {
  status.textContent = '';
  const { ok, status: code, data, headers } = await apiFetch('/accounts/password/reset/', { method: 'POST', body: formValues(form) });
  if (ok) {
    status.textContent = 'If an account uses that address, an email with a link is on its way. The link works once, for a limited time.';
    return;
  }
  if (code === 429) {
    const minutes = Math.max(1, Math.ceil(Number(headers.get('Retry-After') ?? '0') / 60));
    showErrors(form, { detail: `Too many requests. You can try again in about ${minutes} minute${minutes === 1 ? '' : 's'}.` });
    return;
  }
  showErrors(form, data);
});
