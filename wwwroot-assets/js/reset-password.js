import { apiFetch, formValues, onSubmit, showErrors, text } from './api.js';

const form = document.getElementById('reset-form');
onSubmit(form, async () => {
  const { ok, data } = await apiFetch('/accounts/password/reset/confirm/', { method: 'POST', body: formValues(form) });
  if (ok) {
    window.location.assign('/login?reset=1');
    return;
  }
  form.querySelector('[name="new_password1"]').value = '';
  form.querySelector('[name="new_password2"]').value = '';
  if (data && (data.uid || data.token)) {
    document.getElementById('reset-expired').hidden = false;
    showErrors(form, { detail: text('ResetPassword.Expired') });
    return;
  }
  showErrors(form, data);
});
