// Markdown to HTML for a report that must work offline: raw HTML in the source stays text, and
// links and images never become addresses the browser could fetch or follow. A link keeps its
// text, with its address beside it as text; an image shows its alt text.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
const escape = md.utils.escapeHtml;

md.renderer.rules.link_open = () => '<span class="link">';
md.renderer.rules.link_close = (tokens, idx) => {
  // The matching link_open is the nearest one before this token.
  let i = idx;
  while (i >= 0 && tokens[i]!.type !== 'link_open') i--;
  const href = i >= 0 ? (tokens[i]!.attrGet('href') ?? '') : '';
  return `</span>${href ? ` <span class="address">(${escape(href)})</span>` : ''}`;
};
md.renderer.rules.image = (tokens, idx) => `<span class="image">[${escape(tokens[idx]!.content)}]</span>`;

export const markdownToHtml = (text: string): string => md.render(text);
