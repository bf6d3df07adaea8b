import { formValues, onSubmit, showErrors, withDone } from './api.js';
import { keepDraft } from './drafts.js';
import { apiFetchWithSignIn } from './session-dialog.js';

// The write and edit pages: the form goes to the API as JSON (POST /blog/ or PATCH /blog/{id}/). On success the
// browser goes to the post; on an error each message is shown next to its field and nothing typed is lost.
const form = document.getElementById('post-form');
const draft = keepDraft(form);
onSubmit(form, async () => {
  const { ok, data } = await apiFetchWithSignIn(form.getAttribute('action'), { method: form.dataset.method, body: formValues(form) });
  const post = data?.post ?? data;
  if (ok && Number.isInteger(post?.id)) {
    draft.clear();
    window.location.assign(withDone(`/posts/${post.id}`, form.dataset.method === 'PATCH' ? 'edited' : 'published'));
    return;
  }
  showErrors(form, data);
});
