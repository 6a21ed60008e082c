// Sign-in: administrators only. A customer's account is refused and gets no session.
import { h, field, errorMessage } from '../dom.js';
import { NotAdminError } from '../session.js';

export async function render(view, params, ctx) {
  const { t, session, navigate } = ctx;
  const email = h('input', { id: 'signin-email', type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'signin-password', type: 'password', name: 'password', autocomplete: 'current-password', required: true,
  });
  const submit = h('button', { id: 'signin-submit', type: 'submit', class: 'primary' }, t('signin.submit'));
  const message = h('p', { id: 'signin-message', class: 'message', role: 'alert' });
  const reason = params.query.next ? t('signin.again') : '';

  async function signIn(event) {
    event.preventDefault();
    message.textContent = '';
    message.className = 'message';
    submit.disabled = true;
    submit.textContent = t('signin.working');
    try {
      await session.signIn(email.value.trim(), password.value);
      navigate(params.query.next || '#/dashboard');
    } catch (e) {
      message.className = 'message bad';
      message.textContent = e instanceof NotAdminError ? t('signin.notAdmin')
        : e.status === 401 ? t('signin.wrong') : errorMessage(e);
      submit.disabled = false;
      submit.textContent = t('signin.submit');
      password.select();
    }
  }

  const section = h('section', { 'data-page': 'signin', 'data-state': 'ready', class: 'signin' },
    h('h1', {}, t('signin.title')),
    h('form', { onsubmit: signIn, novalidate: false },
      reason ? h('p', { class: 'muted' }, reason) : null,
      field(t('signin.email'), email),
      field(t('signin.password'), password),
      submit,
      message));
  view.replaceChildren(section);
  email.focus();
}
