/**
 * ZMS's citizen API does not name the town's privacy policy, which the widget must link beside the form.
 * The page usually does: WordPress and many other CMS mark their privacy link `rel="privacy-policy"` (a
 * registered link relation). Without such a link, `/datenschutz` on the page's own site is where German
 * municipal sites keep it.
 */
export function privacyPolicyOfPage(): string {
  const marked = document.querySelector<HTMLAnchorElement | HTMLLinkElement>('a[rel~="privacy-policy" i][href], link[rel~="privacy-policy" i][href]');
  const href = marked?.href;
  if (href && /^https?:/.test(href)) return href;
  return new URL('/datenschutz', location.origin).href;
}
