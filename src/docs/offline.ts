// The rendered page must work with no network: Redoc's footer loads its "API docs by Redocly" logo
// from a CDN at runtime, which fails offline with a console error. Swap it for an inline SVG
// that keeps the attribution readable. Any other remote asset is caught by the docs browser test.
const REMOTE_LOGOS = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'];

const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#0044d4">Redocly</text></svg>',
)}`;

export function inlineRemoteAssets(html: string): string {
  return REMOTE_LOGOS.reduce((page, url) => page.split(url).join(INLINE_LOGO), html);
}
