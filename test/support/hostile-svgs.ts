/**
 * Hostile SVGs for the tests that check nothing unsafe leaves the studio: scripts, handlers,
 * javascript: links, external references of every kind (href, xlink:href, url() in attributes,
 * style and <style>, @import), foreignObject, <image> from files and hosts. Each also holds
 * harmless drawing, so what survives sanitizing is a picture worth comparing.
 */
const NS = 'xmlns="http://www.w3.org/2000/svg"';
const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';

export interface HostileSvg {
  label: string;
  svg: string;
}

export const HOSTILE_SVGS: readonly HostileSvg[] = [
  {
    label: "scripts, handlers and external links",
    svg:
      `<svg ${NS} ${XLINK} viewBox="0 0 200 200" onload="alert(1)">` +
      `<script>alert("s")</script>` +
      `<path id="keep" d="M20 20h160v160H20z" onclick="alert(2)" onmouseover="alert(3)" fill="#123456"/>` +
      `<a href="javascript:alert(4)"><circle cx="100" cy="100" r="40" fill="#e53935"/></a>` +
      `<a xlink:href="https://evil.example/page"><path d="M40 40h30v30H40z" fill="#fdd835"/></a>` +
      `<use href="http://evil.example/sprite.svg#icon"/>` +
      `<use xlink:href="//evil.example/sprite.svg#icon"/>` +
      `<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>` +
      `<image href="http://evil.example/a.png" width="10" height="10"/>` +
      `<path d="M130 130h30v30h-30z" style="fill: url(http://evil.example/f.svg#g)"/>` +
      `<path d="M140 40h30v30h-30z" fill="url('https://evil.example/g.svg#g')" stroke="#000"/>` +
      `<style>@import url("http://evil.example/x.css"); circle { stroke: #222; stroke-width: 4 }</style>` +
      `<style>path { background: url(http://evil.example/b.png) }</style>` +
      `</svg>`,
  },
  {
    label: "files and hosts as images, filters and sprites",
    svg:
      `<svg ${NS} ${XLINK} viewBox="0 0 200 200" onload="fetch('http://127.0.0.1:1/onload')">` +
      `<script>fetch('http://127.0.0.1:1/script')</script>` +
      `<style>@import url(http://127.0.0.1:1/import.css);</style>` +
      `<style>path { fill: url(http://127.0.0.1:1/fill.svg#g) }</style>` +
      `<image href="/etc/passwd" width="200" height="200"/>` +
      `<image xlink:href="file:///usr/share/pixmaps/debian-logo.png" width="200" height="200"/>` +
      `<use href="http://127.0.0.1:1/sprite.svg#a"/>` +
      `<filter id="f"><feImage href="http://127.0.0.1:1/fe.png"/></filter>` +
      `<path fill="#2F88FF" d="M40 40 L160 40 L160 160 L40 160 Z" onclick="alert(1)" style="filter: url(http://127.0.0.1:1/filter.svg#f)"/>` +
      `</svg>`,
  },
  {
    label: "local references kept, external ones spread through gradients and groups",
    svg:
      `<svg ${NS} ${XLINK} viewBox="0 0 200 200">` +
      `<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#ff7043"/><stop offset="1" stop-color="#5e35b1"/></linearGradient>` +
      `<path id="leaf" d="M0 0c20-30 60-30 80 0-20 30-60 30-80 0z"/></defs>` +
      `<rect x="10" y="10" width="180" height="180" rx="24" fill="url(#g)"/>` +
      `<g onclick="steal()"><use xlink:href="https://evil.example/x.svg#a"/><use href="#leaf" x="60" y="100" fill="#fff"/></g>` +
      `<foreignObject><iframe src="https://evil.example"/></foreignObject>` +
      `<style><![CDATA[use { stroke: #1b5e20; stroke-width: 3 }]]></style>` +
      `<rect width="5" height="5" style="fill:url(https://evil.example/p.png)"/><image href="file:///etc/passwd"/>` +
      `<text x="100" y="60" font-size="20" text-anchor="middle" fill="#fff">A &amp; B</text>` +
      `</svg>`,
  },
  {
    label: "javascript in animation and set, data: documents, entity tricks",
    svg:
      `<svg ${NS} ${XLINK} viewBox="0 0 100 100">` +
      `<a><animate attributeName="href" values="javascript:alert(1)"/><rect width="50" height="50" fill="#43a047"/></a>` +
      `<set attributeName="onmouseover" to="alert(2)"/>` +
      `<use href="data:image/svg+xml,&lt;svg xmlns='http://www.w3.org/2000/svg'&gt;&lt;script&gt;alert(3)&lt;/script&gt;&lt;/svg&gt;#x"/>` +
      `<circle cx="70" cy="70" r="25" fill="#8e24aa" style="stroke:u\\72l(http://evil.example/s.svg#a)"/>` +
      `<iframe src="javascript:alert(4)"/>` +
      `</svg>`,
  },
];
