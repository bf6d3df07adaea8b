import { apiFetch, formValues, onSubmit, showErrors } from './api.js';

// The write and edit pages: the form goes to the API as JSON (POST /blog/ or PATCH /blog/{id}/). On success the
// browser goes to the post; on an error each message is shown next to its field and nothing typed is lost.
const form = document.getElementById('post-form');
onSubmit(form, async () => {
  const { ok, data } = await apiFetch(form.getAttribute('action'), { method: form.dataset.method, body: formValues(form) });
  const post = data?.post ?? data;
  if (ok && Number.isInteger(post?.id)) {
    window.location.assign(`/posts/${post.id}`);
    return;
  }
  showErrors(form, data);
});
