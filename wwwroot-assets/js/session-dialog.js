// When the session ended while the page was open (expired, or ended on another device), an API call answers 401 even
// after apiFetch's refresh. This asks the person to sign in again in a dialog over the page (email and password, the
// code of a two-step login, or a passkey) and then repeats the call: the page, and everything typed in it, stays.
import { apiFetch, clearErrors, formValues, onSubmit, showErrors, text } from './api.js';
import { ceremonyMessage, getPasskey, supportsPasskeys } from './webauthn.js';

export async function apiFetchWithSignIn(url, options) {
  let result = await apiFetch(url, options);
  if (result.status === 401 && await askToSignIn()) result = await apiFetch(url, options);
  return result;
}

function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

function field(name, labelText, type, autocomplete) {
  const input = element('input', { id: `session-${name}`, name, type, autocomplete, required: true });
  const error = element('p', { className: 'error', hidden: true });
  error.dataset.errorFor = name;
  return element('div', { className: 'field', id: `session-${name}-field` },
    element('label', { htmlFor: input.id, textContent: labelText }), input, error);
}

// Resolves true once the person is signed in again, false when they close the dialog.
function askToSignIn() {
  return new Promise((resolve) => {
    const general = element('p', { className: 'error', id: 'session-error', hidden: true });
    general.dataset.errorFor = 'form';
    general.setAttribute('role', 'alert');
    const credentials = element('div', { className: 'stack' },
      field('email', text('Session.Email'), 'email', 'email'),
      field('password', text('Session.Password'), 'password', 'current-password'));
    const code = field('code', text('Session.Code'), 'text', 'one-time-code');
    code.hidden = true;
    const codeHint = element('p', { className: 'hint', id: 'session-code-hint', textContent: text('Session.CodeHint'), hidden: true });
    const submit = element('button', { type: 'submit', id: 'session-submit', textContent: text('Session.Submit') });
    const cancel = element('button', { type: 'button', className: 'secondary', id: 'session-cancel', textContent: text('Session.Cancel') });
    const form = element('form', { className: 'stack', noValidate: true },
      element('h2', { id: 'session-heading', textContent: text('Session.Heading') }),
      element('p', { id: 'session-intro', textContent: text('Session.Intro') }),
      general, credentials, codeHint, code, element('div', { className: 'actions' }, submit, cancel));
    const dialog = element('dialog', { id: 'session-dialog' }, form);
    dialog.setAttribute('aria-labelledby', 'session-heading');
    dialog.setAttribute('aria-describedby', 'session-intro');

    // The second step's token lives only here, in memory.
    let mfaToken = null;
    let signedIn = false;
    const done = () => {
      signedIn = true;
      dialog.close();
    };
    const askForPassword = (message) => {
      mfaToken = null;
      code.hidden = true;
      codeHint.hidden = true;
      credentials.hidden = false;
      showErrors(form, { detail: message });
      form.querySelector('[name="password"]').focus();
    };

    onSubmit(form, async () => {
      const values = formValues(form);
      if (mfaToken) {
        const result = await apiFetch('/accounts/login/mfa/', { method: 'POST', body: { mfa_token: mfaToken, code: (values.code ?? '').trim() } });
        form.querySelector('[name="code"]').value = '';
        if (result.ok) return done();
        if (result.data?.mfa_token) return askForPassword(result.data.mfa_token.join(' '));
        return showErrors(form, result.data);
      }
      const result = await apiFetch('/accounts/login/', { method: 'POST', body: { email: values.email, password: values.password } });
      form.querySelector('[name="password"]').value = '';
      if (result.ok && result.data?.mfa_required) {
        mfaToken = result.data.mfa_token;
        credentials.hidden = true;
        code.hidden = false;
        codeHint.hidden = false;
        form.querySelector('[name="code"]').focus();
        return undefined;
      }
      if (result.ok) return done();
      return showErrors(form, result.data);
    });

    if (supportsPasskeys()) {
      const passkey = element('button', { type: 'button', className: 'secondary', id: 'session-passkey', textContent: text('Session.Passkey') });
      form.append(passkey);
      passkey.addEventListener('click', async () => {
        clearErrors(form);
        passkey.disabled = true;
        try {
          const options = await apiFetch('/accounts/login/passkey/options/', { method: 'POST' });
          if (!options.ok) return showErrors(form, options.data);
          let credential;
          try {
            credential = await getPasskey(options.data);
          } catch (error) {
            return showErrors(form, { detail: ceremonyMessage(error) });
          }
          const result = await apiFetch('/accounts/login/passkey/', { method: 'POST', body: { credential } });
          return result.ok ? done() : showErrors(form, result.data);
        } finally {
          passkey.disabled = false;
        }
      });
    }

    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(signedIn);
    });
    document.body.append(dialog);
    dialog.showModal();
    form.querySelector('[name="email"]').focus();
  });
}
