import { apiFetch, clearErrors, formValues, onSubmit, showErrors, text, withDone } from './api.js';
import { keepDraft } from './drafts.js';
import { apiFetchWithSignIn } from './session-dialog.js';

// The write and edit pages: the form goes to the API as JSON (POST /blog/ or PATCH /blog/{id}/). On success the
// browser goes to the post; on an error each message is shown next to its field and nothing typed is lost.
// Counters show each field's length against its limit, counted as the server counts (code points, the title
// trimmed); past a limit the publish is refused here with a message, and nothing is ever cut.
const form = document.getElementById('post-form');
const draft = keepDraft(form);
const fields = [
  { input: form.elements.namedItem('title'), counter: document.getElementById('title-counter'), trim: true },
  { input: form.elements.namedItem('content'), counter: document.getElementById('content-counter'), trim: false },
];

// [...text] walks code points, as the server's FieldMessages.Length does: an emoji counts once.
const characters = (value) => [...value].length;

function overBy({ input, trim }) {
  const value = trim ? input.value.trim() : input.value;
  return characters(value) - Number(input.dataset.maxLength);
}

function updateCounter(field) {
  const { input, counter, trim } = field;
  const max = Number(input.dataset.maxLength);
  const length = characters(trim ? input.value.trim() : input.value);
  const over = length - max;
  counter.textContent = over > 0 ? text('PostForm.TooLong', over) : text('PostForm.Counter', length, max);
  counter.classList.toggle('over-limit', over > 0);
  if (over > 0) input.setAttribute('aria-invalid', 'true');
  else if (counter.dataset.wasOver === 'true') input.removeAttribute('aria-invalid');
  counter.dataset.wasOver = String(over > 0);
}

for (const field of fields) {
  field.input.addEventListener('input', () => updateCounter(field));
  updateCounter(field);
}

// Shows the client-side refusal like the server's field errors; true when a field is over its limit.
function refuseOverLimit() {
  const errors = {};
  for (const field of fields) {
    const over = overBy(field);
    if (over > 0) errors[field.input.name] = [text('PostForm.TooLong', over)];
  }
  if (Object.keys(errors).length === 0) return false;
  showErrors(form, { ...errors, detail: [text('PostForm.FixBeforePublishing')] });
  return true;
}

// The one place a post is published or saved.
async function publishPost() {
  if (refuseOverLimit()) return;
  // A session that ended while writing asks for a sign-in in a dialog and then publishes: the draft stays.
  const { ok, data } = await apiFetchWithSignIn(form.getAttribute('action'), { method: form.dataset.method, body: formValues(form) });
  const post = data?.post ?? data;
  if (ok && Number.isInteger(post?.id)) {
    draft.clear();
    window.location.assign(withDone(`/posts/${post.id}`, form.dataset.method === 'PATCH' ? 'edited' : 'published'));
    return;
  }
  showErrors(form, data);
}

onSubmit(form, publishPost);

// Preview: the server renders the Markdown exactly as the post page will (POST /blog/preview/).
const tabs = document.getElementById('post-tabs');
const writeTab = document.getElementById('write-tab');
const previewTab = document.getElementById('preview-tab');
const contentField = document.getElementById('content-field');
const preview = document.getElementById('post-preview');

function showWriting() {
  writeTab.setAttribute('aria-pressed', 'true');
  previewTab.setAttribute('aria-pressed', 'false');
  preview.hidden = true;
  contentField.hidden = false;
}

async function showPreview() {
  writeTab.setAttribute('aria-pressed', 'false');
  previewTab.setAttribute('aria-pressed', 'true');
  contentField.hidden = true;
  preview.hidden = false;
  clearErrors(form);
  const content = form.elements.namedItem('content').value;
  if (content.trim() === '') {
    preview.textContent = text('PostForm.PreviewEmpty');
    return;
  }
  preview.textContent = text('PostForm.PreviewLoading');
  const { ok, data } = await apiFetch(form.dataset.preview, { method: 'POST', body: { content } });
  if (ok && typeof data?.content_html === 'string') {
    // Sanitized on the server against an allow-list (MarkdownRenderer), the same HTML the post page shows.
    preview.innerHTML = data.content_html;
    return;
  }
  preview.textContent = '';
  showWriting();
  showErrors(form, data, text('PostForm.PreviewFailed'));
}

writeTab.addEventListener('click', showWriting);
previewTab.addEventListener('click', showPreview);
tabs.hidden = false;
