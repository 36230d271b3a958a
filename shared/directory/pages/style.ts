/**
 * The directory pages' one style sheet, served at STYLESHEET_PATH with a year of cache (the path
 * carries a hash of the text, so a change is a new address). Mobile first: one column at 360 px,
 * long words wrap instead of widening the page, the map's box sized here (no inline style: the
 * pages' CSP allows style sheets from the site only). The app's offline preview inlines it.
 */
export const DIRECTORY_CSS =
  '*{box-sizing:border-box}[hidden]{display:none!important}' +
  'body{margin:0;background:#f7f4ee;color:#1f1f1f;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
  'header.top{background:#1d3b2f;color:#fff;padding:.6rem 1rem}header.top a{color:#fff;font-weight:700;text-decoration:none}' +
  'main{max-width:60rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}' +
  'h1{margin:.2rem 0 .8rem;font-size:1.5rem;line-height:1.2}h2{font-size:1.15rem;margin:1.2rem 0 .5rem}' +
  'a{color:#1d5b8f}img{max-width:100%;height:auto}' +
  '.search{display:grid;gap:.6rem;grid-template-columns:1fr;margin:0 0 1rem;padding:.8rem;background:#fff;border-radius:.6rem}' +
  '.search label{display:block;font-size:.85rem;color:#555}' +
  '.search input,.search select,.search button{width:100%;min-height:44px;font:inherit;padding:.4rem .6rem;border:1px solid #bbb;border-radius:.4rem;background:#fff}' +
  '.search button,.btn{background:#1d6b3f;color:#fff;border-color:#1d6b3f;font-weight:700;cursor:pointer}' +
  '.btn{display:inline-block;min-height:44px;padding:.65rem 1rem;border-radius:.5rem;text-align:center;text-decoration:none;border:0;font:inherit;font-weight:700}' +
  '.btn.alt{background:#fff;color:#1d3b2f;border:2px solid #1d3b2f}' +
  '.note{color:#555;font-size:.9rem}.hint{color:#8a3b12}' +
  '.results{list-style:none;margin:0;padding:0;display:grid;gap:.7rem}' +
  '.result{display:flex;gap:.8rem;padding:.7rem;background:#fff;border-radius:.6rem}' +
  '.result img{flex:none;width:80px;height:80px;object-fit:cover;border-radius:.4rem;background:#e6e0d4}' +
  '.result .ph{flex:none;width:80px;height:80px;border-radius:.4rem;background:#e6e0d4}' +
  '.result h3{margin:0;font-size:1.05rem}.result p{margin:.15rem 0;font-size:.92rem}' +
  '.tags{display:flex;flex-wrap:wrap;gap:.3rem;list-style:none;margin:.3rem 0;padding:0}' +
  '.tags li{padding:.1rem .55rem;border-radius:1rem;background:#efe6cf;font-size:.85rem}' +
  '.open{color:#1d6b3f;font-weight:600}.shut{color:#8a3b12}' +
  '.pages{display:flex;justify-content:space-between;gap:1rem;margin:1rem 0}' +
  '.map{height:60vh;min-height:280px;margin:.8rem 0;border-radius:.6rem;background:#e6e0d4}' +
  '.cities{display:flex;flex-wrap:wrap;gap:.4rem .9rem;padding:0;list-style:none}' +
  '.card{margin:1rem 0;padding:.9rem 1rem;border-radius:.6rem;background:#fff}' +
  '.actions{display:grid;gap:.6rem;grid-template-columns:1fr}' +
  '.gallery{list-style:none;margin:0;padding:0;display:grid;gap:.5rem;grid-template-columns:repeat(2,minmax(0,1fr))}' +
  '.gallery figure{margin:0}.gallery img{display:block;width:100%;aspect-ratio:1;object-fit:cover;border-radius:.4rem;background:#e6e0d4}' +
  '.gallery figcaption{font-size:.85rem;color:#555}' +
  '.about{white-space:pre-line}.beacon{position:absolute;width:1px;height:1px;opacity:0}' +
  '.preview{padding:.5rem 1rem;background:#fff3c4;font-weight:600}' +
  'footer{max-width:60rem;margin:0 auto;padding:1rem;font-size:.85rem;color:#555}' +
  '@media (min-width:48rem){.search{grid-template-columns:2fr 1fr 1fr 1fr 1fr;align-items:end}.search .wide{grid-column:1/-1}' +
  '.results{grid-template-columns:1fr 1fr}.actions{grid-template-columns:repeat(2,max-content)}.gallery{grid-template-columns:repeat(4,minmax(0,1fr))}}';

/** FNV-1a, 32 bits, in hex: a short fingerprint of the sheet for its address (no Node crypto here). */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export const STYLESHEET_VERSION = fingerprint(DIRECTORY_CSS);
export const STYLESHEET_PATH = `/annuaire/style-${STYLESHEET_VERSION}.css`;
/** The map script (cloud/web/directory/carte.js): the "près de moi" button and the map on demand. */
export const MAP_SCRIPT_PATH = '/annuaire/carte.js';
