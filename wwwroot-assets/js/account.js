import { apiFetch, formValues, onSubmit, showErrors } from './api.js';
import { apiFetchWithReauthentication } from './reauth.js';

const profile = document.getElementById('profile-form');
const profileStatus = document.getElementById('profile-status');
onSubmit(profile, async () => {
  profileStatus.textContent = '';
  const body = formValues(profile);
  if (body.date_of_birth === '') body.date_of_birth = null;
  const result = await apiFetch('/accounts/user/', { method: 'PATCH', body });
  if (result.ok) {
    profileStatus.textContent = 'Profile saved.';
  } else {
    showErrors(profile, result.data);
  }
});

const password = document.getElementById('password-form');
const passwordStatus = document.getElementById('password-status');
onSubmit(password, async () => {
  passwordStatus.textContent = '';
  const result = await apiFetchWithReauthentication('/accounts/password/change/', { method: 'POST', body: formValues(password) });
  for (const input of password.querySelectorAll('input[type="password"]')) input.value = '';
  if (result.ok) {
    passwordStatus.textContent = 'Password changed. Your other sessions have been signed out.';
  } else {
    showErrors(password, result.data);
  }
});
