/** Links that open the phone's dialler, SMS app or WhatsApp with a message ready to send. */

/** '+229 01 97 00 00 00' → '2290197000000' (what wa.me wants: international digits, no '+'). */
export function phoneDigitsOnly(phone: string): string {
  return phone.replace(/\D/g, '');
}

export function telLink(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export function smsLink(phone: string, text?: string): string {
  const base = `sms:${phone.replace(/[^\d+]/g, '')}`;
  return text ? `${base}?body=${encodeURIComponent(text)}` : base;
}

export function whatsappLink(phone: string, text?: string): string {
  const base = `https://wa.me/${phoneDigitsOnly(phone)}`;
  return text ? `${base}?text=${encodeURIComponent(text)}` : base;
}
