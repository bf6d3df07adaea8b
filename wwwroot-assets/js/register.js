import { apiFetch, clearErrors, formValues, safeReturnUrl, showErrors } from './api.js';

const form = document.getElementById('register-form');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const submit = form.querySelector('button[type="submit"]');
  submit.disabled = true;
  try {
    const body = formValues(form, ['first_name', 'last_name', 'gender', 'date_of_birth']);
    const { ok, data } = await apiFetch('/accounts/join/', { method: 'POST', body });
    if (ok) {
      window.location.assign(safeReturnUrl(form.dataset.returnUrl));
      return;
    }
    // Everything typed stays except the passwords.
    form.querySelector('[name="password1"]').value = '';
    form.querySelector('[name="password2"]').value = '';
    showErrors(form, data);
  } finally {
    submit.disabled = false;
  }
});
