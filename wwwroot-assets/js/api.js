// The one helper every page script uses: JSON requests with the CSRF header, one silent token refresh after
// a 401, and field errors shown next to their fields.

const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content ?? '';

let texts;

// A text in the page's language, from the layout's JSON block (ScriptText.resx). "{0}", "{1}"... take the arguments.
export function text(key, ...args) {
  texts ??= JSON.parse(document.getElementById('script-text')?.textContent || '{}');
  const template = texts[key] ?? key;
  return template.replace(/\{(\d+)\}/g, (match, index) => String(args[Number(index)] ?? match));
}

async function send(url, method, body) {
  // The API answers in the page's language (it reads only Accept-Language, never the page's cookie).
  const headers = {
    Accept: 'application/json',
    'Accept-Language': document.documentElement.lang || 'en',
    'X-CSRF-TOKEN': csrfToken(),
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

// Sends JSON and returns { status, ok, data }. A 401 triggers one refresh of the cookies and one retry.
export async function apiFetch(url, { method = 'GET', body } = {}) {
  let response = await send(url, method, body);
  if (response.status === 401 && !url.startsWith('/accounts/token/refresh')) {
    const refreshed = await send('/accounts/token/refresh/', 'POST');
    if (refreshed.ok) response = await send(url, method, body);
  }
  let data = null;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('application/json')) data = await response.json();
  return { status: response.status, ok: response.ok, data: plainWords(response.status, data), headers: response.headers };
}

// The one mapping from the API's session answers to plain words: a person never reads token jargon ("Given token not
// valid for any token type") or the CSRF check's text. Other answers pass unchanged.
function plainWords(status, data) {
  if (status === 401) return { detail: text('Session.Ended') };
  if (status === 403 && typeof data?.detail === 'string' && data.detail.startsWith('CSRF Failed')) {
    return { detail: text('Session.PageExpired') };
  }
  return data;
}

// Runs the handler for each submit of the form, instead of the browser's own submission: errors cleared first,
// the submit button disabled while the request runs.
export function onSubmit(form, handler) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const submit = form.querySelector('button[type="submit"]');
    if (submit) submit.disabled = true;
    try {
      await handler();
    } finally {
      if (submit) submit.disabled = false;
    }
  });
}

// Clears every error slot of the form.
export function clearErrors(form) {
  for (const slot of form.querySelectorAll('[data-error-for]')) {
    slot.textContent = '';
    slot.hidden = true;
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

// Puts each field's messages in its [data-error-for] slot; anything else (detail, non_field_errors) goes to the
// form-wide slot. The first invalid field gets focus.
export function showErrors(form, data, fallback = text('Error.Fallback')) {
  clearErrors(form);
  const general = [];
  let first = null;
  const errors = data && typeof data === 'object' ? data : {};
  for (const [field, value] of Object.entries(errors)) {
    const messages = Array.isArray(value) ? value : [String(value)];
    const slot = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
    if (slot && field !== 'non_field_errors' && field !== 'detail') {
      slot.textContent = messages.join(' ');
      slot.hidden = false;
      const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        first ??= input;
      }
    } else if (field === 'detail' || field === 'non_field_errors') {
      general.push(...messages);
    }
  }
  if (general.length === 0 && !first) general.push(fallback);
  if (general.length > 0) {
    const slot = form.querySelector('[data-error-for="form"]');
    if (slot) {
      slot.textContent = general.join(' ');
      slot.hidden = false;
    }
  }
  first?.focus();
}

// The form's named fields as an object; empty optional fields are left out.
export function formValues(form, optional = []) {
  const values = {};
  for (const [name, value] of new FormData(form)) {
    if (name === '__RequestVerificationToken') continue;
    if (optional.includes(name) && value === '') continue;
    values[name] = value;
  }
  return values;
}

// Only same-site paths: "/x" but not "//evil.example" or "/\evil.example".
export function safeReturnUrl(value) {
  if (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')) {
    return value;
  }
  return '/';
}

// A same-site path with ?done=<code> added: the next page turns the code into its flash message (Feedback/Flash.cs).
export function withDone(url, code) {
  const target = new URL(safeReturnUrl(url), window.location.origin);
  target.searchParams.set('done', code);
  return target.pathname + target.search + target.hash;
}
