import { apiFetch, formValues, onSubmit, showErrors, withDone } from './api.js';

const form = document.getElementById('register-form');
onSubmit(form, async () => {
  const body = formValues(form, ['first_name', 'last_name', 'display_name', 'gender', 'date_of_birth']);
  const { ok, data } = await apiFetch('/accounts/join/', { method: 'POST', body });
  if (ok) {
    window.location.assign(withDone(form.dataset.returnUrl, 'registered'));
    return;
  }
  // Everything typed stays except the passwords.
  form.querySelector('[name="password1"]').value = '';
  form.querySelector('[name="password2"]').value = '';
  showErrors(form, data);
});
