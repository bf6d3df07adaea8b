import { apiFetch, onSubmit, safeReturnUrl, showErrors } from './api.js';

const form = document.getElementById('confirm-form');
onSubmit(form, async () => {
  const code = form.querySelector('[name="code"]').value.trim();
  const result = await apiFetch('/accounts/reauthenticate/', { method: 'POST', body: { code } });
  if (result.ok) {
    window.location.assign(safeReturnUrl(form.dataset.returnUrl));
    return;
  }
  showErrors(form, result.data);
  form.querySelector('[name="code"]').value = '';
});
