import { apiFetch, formValues, onSubmit, showErrors, text, withDone } from './api.js';
import { apiFetchWithReauthentication } from './reauth.js';

const profile = document.getElementById('profile-form');
const profileStatus = document.getElementById('profile-status');
onSubmit(profile, async () => {
  profileStatus.textContent = '';
  const body = formValues(profile);
  if (body.date_of_birth === '') body.date_of_birth = null;
  const result = await apiFetch('/accounts/user/', { method: 'PATCH', body });
  if (result.ok) {
    window.location.assign(withDone('/account', 'profile-saved'));
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
    window.location.assign(withDone('/account', 'password-changed'));
  } else {
    showErrors(password, result.data);
  }
});

const email = document.getElementById('email-form');
const emailStatus = document.getElementById('email-status');
onSubmit(email, async () => {
  emailStatus.textContent = '';
  const result = await apiFetchWithReauthentication('/accounts/email/change/', { method: 'POST', body: formValues(email) });
  email.querySelector('input[type="password"]').value = '';
  if (result.ok) {
    emailStatus.textContent = text('Account.EmailChangeSent');
  } else {
    showErrors(email, result.data);
  }
});

// Ending the other sessions needs a recent sign-in: with script, the same re-authentication dialog as above; without,
// the form posts to the page, which asks for a fresh sign-in.
const endOthers = document.getElementById('end-others-form');
if (endOthers) {
  endOthers.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await apiFetchWithReauthentication('/accounts/sessions/end-others/', { method: 'POST' });
    if (result.ok) window.location.assign('/account');
  });
}
