// Runs before first paint so the page never flashes the wrong theme.
// "system" (the default) follows the operating system, live.
export const THEME_KEY = "sitrep-theme";

const script = `(function(){try{
var k=${JSON.stringify(THEME_KEY)},m=window.matchMedia("(prefers-color-scheme: dark)");
function apply(){var t=localStorage.getItem(k)||"system";var d=t==="dark"||(t==="system"&&m.matches);
document.documentElement.classList.toggle("dark",d);document.documentElement.dataset.theme=t;}
apply();m.addEventListener("change",apply);window.__sitrepApplyTheme=apply;
}catch(e){}})();`;

/** `nonce`: the page's Content-Security-Policy nonce, without which the browser would not run it. */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}
