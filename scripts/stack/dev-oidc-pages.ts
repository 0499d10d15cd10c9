import type { ServerResponse } from "node:http";
import { DEV_OIDC_USERS } from "./dev-oidc-users";

// The development OIDC provider's own HTML: one page frame, the sign-in form, and how they
// are sent.

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function page(title: string, body: string, head = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f6f5; color: #1a1f1c; }
  main { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgb(0 0 0 / 0.15); width: min(22rem, 90vw); }
  h1 { font-size: 1.25rem; margin-top: 0; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { display: block; width: 100%; box-sizing: border-box; margin-top: 0.25rem; padding: 0.5rem; font: inherit; }
  button { margin-top: 1.5rem; width: 100%; padding: 0.6rem; font: inherit; font-weight: 600; color: #fff; background: #1f6b45; border: 0; border-radius: 4px; cursor: pointer; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
  [role="alert"] { color: #a4161a; font-weight: 600; }
  .hint { color: #4a544e; font-size: 0.875rem; }
</style>
${head}
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

const LOGIN_TITLE = "Canopy development sign-in";

export function loginPage(uid: string, options: { username?: string; failed?: boolean } = {}): string {
  const error = options.failed ? `<p role="alert" id="login-error">Wrong username or password.</p>` : "";
  const describedBy = options.failed ? ` aria-describedby="login-error" aria-invalid="true"` : "";
  return page(
    LOGIN_TITLE,
    `<h1>${LOGIN_TITLE}</h1>
${error}
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
  <label for="username">Username</label>
  <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${escapeHtml(options.username ?? "")}"${describedBy}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
  <button type="submit">Sign in</button>
</form>
<p class="hint">Development accounts: ${DEV_OIDC_USERS.map((user) => escapeHtml(user.username)).join(", ")}. The password is the development-only password documented in scripts/stack/dev-oidc-users.ts.</p>`,
  );
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(html);
}
