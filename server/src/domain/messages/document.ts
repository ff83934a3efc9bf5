/**
 * A message as a few kinds of blocks, rendered twice from the same source: plain text, and simple accessible
 * HTML (real headings, a definition list, no images, no external resources). Every value is escaped here, in
 * one place, so no caller can forget it.
 */

export type Block =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  /** Term and value lines, e.g. `Ort` → name, street, postal code and city. */
  | { kind: 'facts'; items: readonly (readonly [term: string, lines: readonly string[]])[] }
  | { kind: 'list'; items: readonly string[] }
  /** The message's main link; its text must make sense without the sentences around it. */
  | { kind: 'action'; text: string; href: string };

export interface MessageDocument {
  lang: 'de' | 'en';
  title: string;
  blocks: readonly Block[];
  footer: readonly string[];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

function blockToText(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `${block.text}\n${(block.level === 1 ? '=' : '-').repeat(Math.min(block.text.length, 72))}`;
    case 'paragraph':
      return block.text;
    case 'facts':
      return block.items.map(([term, lines]) => `${term}: ${lines.join('\n  ')}`).join('\n');
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'action':
      return `${block.text}:\n${block.href}`;
  }
}

export function renderText(document: MessageDocument): string {
  return `${[...document.blocks.map(blockToText), '-- ', document.footer.join('\n')].join('\n\n')}\n`;
}

function blockToHtml(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'facts':
      return `<dl>${block.items
        .map(([term, lines]) => `<dt>${escapeHtml(term)}</dt><dd>${lines.map(escapeHtml).join('<br>')}</dd>`)
        .join('')}</dl>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'action':
      return `<p class="action"><a href="${escapeHtml(block.href)}">${escapeHtml(block.text)}</a></p>`;
  }
}

/**
 * Colours from the widget's design language (KERN): text #131525 and links #2044AA on white, both far above
 * 4.5:1. Mail programs drop or rewrite much CSS; the message must read well without any of it.
 */
const STYLE = [
  'body{margin:0;padding:16px;background:#fff;color:#131525;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5}',
  'main,footer{max-width:40em}',
  'h1{font-size:24px;line-height:1.25;margin:0 0 16px}',
  'h2{font-size:19px;line-height:1.3;margin:24px 0 8px}',
  'a{color:#2044AA}',
  'dt{font-weight:bold}',
  'dd{margin:0 0 8px}',
  '.action a{display:inline-block;padding:12px 16px;background:#2044AA;color:#fff;border-radius:4px;font-weight:bold;text-decoration:underline}',
  'footer{margin-top:32px;border-top:1px solid #6E7597;padding-top:8px;color:#51577A}',
  'footer p{margin:4px 0}',
].join('');

export function renderHtml(document: MessageDocument): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${document.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(document.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<main>${document.blocks.map(blockToHtml).join('\n')}</main>`,
    `<footer>${document.footer.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
