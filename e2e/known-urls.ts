/**
 * Every absolute http(s) URL in the built files, with why it is harmless. A new one fails the bundle
 * tests (e2e/privacy.spec.ts for dist/, e2e/single-file.spec.ts for dist-single/) until someone reads
 * the code that holds it: the CSP would block a call anyway, but the bundle should not even contain an
 * address the app could call.
 */
export const KNOWN_URLS: [RegExp, string][] = [
  [/^http:\/\/www\.w3\.org\/(1999\/xlink|2000\/svg|XML\/1998\/namespace|1998\/Math\/MathML|1999\/xhtml)$/, 'XML namespace identifiers (React DOM, Recharts SVG): never fetched'],
  [/^https:\/\/react\.dev\/errors\/$/, "React's minified-error message text"],
  [/^https:\/\/redux(-toolkit)?\.js\.org\/Errors\?code=(\$\{e\})?$/, "Redux's error message text (Recharts' state)"],
  [/^https:\/\/react\.i18next\.com\/latest\/usetranslation-hook$/, "react-i18next's developer warning text"],
  [/^https?:\/\/json-schema\.org\/draft(-0[47]|\/2020-12)\/schema#?$/, "zod's JSON-schema identifiers (never fetched)"],
  [/^http:\/\/\[\$\{e\}\]$/, "zod's IPv6 check parses `new URL('http://[' + text + ']')`: a parse, not a request"],
  [/^https:\/\/github\.com\/mholt\/PapaParse$/, "PapaParse's licence comment"],
  [/^https:\/\/bit\.ly\/3cXEKWf$/, "Immer's minified-error message text (Recharts' state)"],
  [/^https:\/\/bit\.ly\/wb-precache$/, "Workbox's console warning text (the offline service worker)"],
];

/** The absolute http(s) URLs in `text` that KNOWN_URLS does not explain, each as "label: url". */
export function unknownUrls(text: string, label: string): string[] {
  const unknown: string[] = [];
  for (const m of text.matchAll(/https?:\/\/[^\s"'`)<>\\]+/g)) {
    const url = m[0].replace(/[.,;]+$/, '');
    if (!KNOWN_URLS.some(([re]) => re.test(url))) unknown.push(`${label}: ${url}`);
  }
  return unknown;
}
