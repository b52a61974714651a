import { html } from './html.js';
import { renderPage } from './layout.js';

/** The login form: a token from API_TOKEN opens a browser session. */
export function renderLoginPage(next: string, failed: boolean): string {
  return renderPage(
    'Log in',
    html`<section class="login panel">
  <h1>Log in</h1>
  <p class="muted">Paste an API token (one of <code>API_TOKEN</code>, or the one in <code>.dev/api-token</code>).</p>
  ${failed ? html`<p class="error" role="alert">That token is not valid.</p>` : ''}
  <form method="post" action="/login">
    <input type="hidden" name="next" value="${next}">
    <label>Token <input type="password" name="token" autocomplete="current-password" required maxlength="512"></label>
    <button class="primary" type="submit">Log in</button>
  </form>
</section>`,
  );
}
