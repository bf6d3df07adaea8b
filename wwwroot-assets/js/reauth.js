// Sensitive API calls answer 403 {"code": "reauthentication_required"} when the last sign-in is too old. This asks for
// the password (or a code) in a dialog, re-authenticates, and retries the original request: nothing typed is lost.
import { apiFetch, formValues, onSubmit, showErrors, text } from './api.js';

export async function apiFetchWithReauthentication(url, options) {
  let result = await apiFetch(url, options);
  if (result.status === 403 && result.data?.code === 'reauthentication_required' && await askToReauthenticate()) {
    result = await apiFetch(url, options);
  }
  return result;
}

function field(name, labelText, type, autocomplete) {
  const wrapper = document.createElement('div');
  wrapper.className = 'field';
  const label = document.createElement('label');
  label.htmlFor = `reauth-${name}`;
  label.textContent = labelText;
  const input = document.createElement('input');
  Object.assign(input, { id: `reauth-${name}`, name, type, autocomplete });
  const error = document.createElement('p');
  error.className = 'error';
  error.dataset.errorFor = name;
  error.hidden = true;
  wrapper.append(label, input, error);
  return wrapper;
}

// Resolves true once the server has accepted the password or code, false when the dialog is closed.
function askToReauthenticate() {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.id = 'reauth-dialog';
    const form = document.createElement('form');
    form.className = 'stack';
    form.noValidate = true;
    const intro = document.createElement('p');
    intro.textContent = text('Reauth.Intro');
    const general = document.createElement('p');
    general.className = 'error';
    general.dataset.errorFor = 'form';
    general.setAttribute('role', 'alert');
    general.hidden = true;
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.id = 'reauth-submit';
    submit.textContent = text('Reauth.Confirm');
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'secondary';
    cancel.textContent = text('Reauth.Cancel');
    form.append(intro, general, field('password', text('Reauth.Password'), 'password', 'current-password'),
      field('code', text('Reauth.Code'), 'text', 'one-time-code'), submit, cancel);
    dialog.append(form);
    document.body.append(dialog);

    let proved = false;
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(proved);
    });
    cancel.addEventListener('click', () => dialog.close());
    onSubmit(form, async () => {
      const values = formValues(form, ['password', 'code']);
      const body = values.password ? { password: values.password } : { code: values.code ?? '' };
      const result = await apiFetch('/accounts/reauthenticate/', { method: 'POST', body });
      if (result.ok) {
        proved = true;
        dialog.close();
      } else {
        showErrors(form, result.data);
      }
    });
    dialog.showModal();
    form.querySelector('input').focus();
  });
}
