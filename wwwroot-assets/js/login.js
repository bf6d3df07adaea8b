import { apiFetch, formValues, onSubmit, safeReturnUrl, showErrors } from './api.js';

const form = document.getElementById('login-form');
onSubmit(form, async () => {
  const { status, ok, data, headers } = await apiFetch('/accounts/login/', { method: 'POST', body: formValues(form) });
  if (ok) {
    window.location.assign(safeReturnUrl(form.dataset.returnUrl));
    return;
  }
  if (status === 429) {
    const seconds = Number(headers.get('Retry-After') ?? '0');
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    showErrors(form, { detail: `${data?.detail ?? 'Too many failed login attempts.'} You can try again in about ${minutes} minute${minutes === 1 ? '' : 's'}.` });
  } else {
    showErrors(form, data);
  }
  form.querySelector('[name="password"]').value = '';
});
