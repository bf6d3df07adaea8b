import { apiFetch, clearErrors, formValues, showErrors } from './api.js';

const profile = document.getElementById('profile-form');
profile.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(profile);
  const status = document.getElementById('profile-status');
  status.textContent = '';
  const body = formValues(profile);
  if (body.date_of_birth === '') body.date_of_birth = null;
  const result = await apiFetch('/accounts/user/', { method: 'PATCH', body });
  if (result.ok) {
    status.textContent = 'Profile saved.';
  } else {
    showErrors(profile, result.data);
  }
});

const password = document.getElementById('password-form');
password.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(password);
  const status = document.getElementById('password-status');
  status.textContent = '';
  const result = await apiFetch('/accounts/password/change/', { method: 'POST', body: formValues(password) });
  for (const input of password.querySelectorAll('input[type="password"]')) input.value = '';
  if (result.ok) {
    status.textContent = 'Password changed. Your other sessions have been signed out.';
  } else {
    showErrors(password, result.data);
  }
});
