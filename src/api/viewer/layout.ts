import { html, type HtmlValue, type SafeHtml } from './html.js';

export const ASSET_CSS = '/ui/assets/viewer.css';

/** A page of the viewer: the top bar (with logout, which needs the session's CSRF token) and the content. */
export function renderPage(title: string, content: SafeHtml, csrfToken?: string): string {
  const nav = csrfToken
    ? html`<a href="/ui/reports">Reports</a><a href="/queues">Queues</a><a href="/docs">API</a>
        <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${csrfToken}"><button type="submit">Log out</button></form>`
    : html``;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · soc-agent</title>
<link rel="stylesheet" href="${ASSET_CSS}">
</head>
<body>
<header class="top"><span class="brand">soc-agent</span>${nav}</header>
<main>${content}</main>
</body>
</html>
`.value;
}

/** A coloured pill; `kind` and `value` come from schema enums and are escaped all the same. */
export function badge(kind: 'verdict' | 'severity' | 'plain', value: string, label?: HtmlValue): SafeHtml {
  return html`<span class="badge ${kind}-${value}">${label ?? value}</span>`;
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
