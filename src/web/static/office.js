// The back office's only script: small conveniences on pages that work without it. Served by the app.

document.addEventListener('DOMContentLoaded', () => {
  // A decision, a withdrawal or a lapse closes the request for good: ask once before sending.
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  }
  // Inbox filters: apply on change, so that a keyboard user does not need the button (it stays).
  for (const select of document.querySelectorAll('form.filters select')) {
    select.addEventListener('change', () => select.form.requestSubmit());
  }
  // The registration form: the arrival date only applies to letters and online, fax or e-mail requests.
  const channel = document.querySelector('select[name="channel"]');
  const arrived = document.querySelector('[data-arrived]');
  if (channel && arrived) {
    const sync = () => {
      arrived.hidden = channel.value === 'inPerson' || channel.value === 'postSigned';
    };
    channel.addEventListener('change', sync);
    sync();
  }
});
