// The console's forms call the JSON API with the session's CSRF token; the page reloads on success
// and shows the API's own error message otherwise.
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!form.classList.contains('api-form')) return;
  event.preventDefault();
  const data = new FormData(form);
  if (event.submitter && event.submitter.name) data.set(event.submitter.name, event.submitter.value);
  const body = {};
  for (const [k, v] of data.entries()) if (k !== 'csrf') body[k] = v;
  if (body.matchers !== undefined) body.matchers = String(body.matchers);
  const method = form.dataset.method;
  const res = await fetch(form.dataset.url, {
    method,
    credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', 'X-CSRF-Token': data.get('csrf')},
    body: method === 'DELETE' ? undefined : JSON.stringify(body),
  });
  if (res.ok) {
    window.location = form.dataset.then;
    return;
  }
  let message = 'HTTP ' + res.status;
  try {
    const json = await res.json();
    message = (json.path ? json.path + ': ' : '') + json.error;
  } catch (e) { /* not JSON */ }
  form.querySelector('.form-error').textContent = message;
});
