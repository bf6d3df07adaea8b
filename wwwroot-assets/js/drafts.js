// Drafts kept in this browser (localStorage) while a post is written: one per person and page (a new post, or the edit
// of post N). Coming back restores the draft with a notice and a button to discard it; a successful publish clears it.
import { formValues, text } from './api.js';

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function read(key) {
  try {
    const draft = JSON.parse(storage()?.getItem(key) ?? 'null');
    return draft && typeof draft.values === 'object' ? draft : null;
  } catch {
    return null;
  }
}

function write(key, values) {
  try {
    storage()?.setItem(key, JSON.stringify({ savedAt: Date.now(), values }));
  } catch {
    // A full or disabled storage only costs the autosave; the form itself keeps working.
  }
}

function remove(key) {
  try {
    storage()?.removeItem(key);
  } catch {
    // As above.
  }
}

function fill(form, values) {
  for (const [name, value] of Object.entries(values)) {
    const input = form.elements.namedItem(name);
    if (input && 'value' in input && typeof value === 'string') input.value = value;
  }
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// Starts autosaving the form; returns { clear } for the publish to call once the post is saved on the server.
export function keepDraft(form) {
  const notice = document.getElementById('draft-notice') ?? Object.assign(document.createElement('div'), { hidden: true });
  const key = notice.dataset.draftKey || `jwtblog:draft:${window.location.pathname}`;
  const original = formValues(form);
  form.before(notice);

  const saved = read(key);
  if (saved && !same(saved.values, original)) {
    fill(form, saved.values);
    const when = new Date(saved.savedAt).toLocaleString(document.documentElement.lang || undefined);
    const discard = Object.assign(document.createElement('button'),
      { type: 'button', className: 'link', id: 'draft-discard', textContent: text('Draft.Discard') });
    discard.addEventListener('click', () => {
      fill(form, original);
      remove(key);
      notice.hidden = true;
      form.querySelector('input, textarea')?.focus();
    });
    const message = Object.assign(document.createElement('span'), { id: 'draft-restored', textContent: text('Draft.Restored', when) });
    notice.replaceChildren(message, ' ', discard);
    notice.hidden = false;
  } else if (saved) {
    remove(key);
  }

  form.addEventListener('input', () => {
    const values = formValues(form);
    if (same(values, original)) remove(key);
    else write(key, values);
  });

  return { clear: () => remove(key) };
}
