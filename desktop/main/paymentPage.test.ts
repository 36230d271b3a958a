/** The payment page's last check before the system's browser: http(s) only, no credentials in it. */
import { describe, expect, it } from 'vitest';
import { paymentPageOpener } from './paymentPage.js';

describe('the payment page opener', () => {
  it('hands http(s) pages to the system and nothing else', async () => {
    const opened: string[] = [];
    const open = paymentPageOpener(async (url) => void opened.push(url));
    const refused = ['javascript:alert(1)', 'file:///etc/passwd', 'whatsapp://send?text=x', 'https://user:pass@pay.example/x', 'not a url', 'https://', 'data:text/html,<b>x</b>'];
    for (const url of refused) await open(url);
    expect(opened).toEqual([]);
    await open('https://process.fedapay.com/pay/abc');
    await open('http://127.0.0.1:4100/pay/abc');
    expect(opened).toEqual(['https://process.fedapay.com/pay/abc', 'http://127.0.0.1:4100/pay/abc']);
  });
});
