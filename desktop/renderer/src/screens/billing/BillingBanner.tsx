/**
 * The subscription's banner, for everyone, under the sync bar: the trial's days left, a payment
 * late (pay before the end of the grace), a suspension (what stops, what goes on, and a pay
 * button), a cancellation (the free plan). It reads the synced subscription row, so it shows
 * offline too; it goes as soon as a sync brings the paid subscription.
 */
import { useQuery } from '../../app/data.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { navigate } from '../../app/router.js';
import { useRole } from '../../app/session.js';
import { longDate } from './billingFormat.js';
import { bannerFor, canManageBilling } from './billingRules.js';
import { BANNER_TEXTS } from './billingTexts.js';
import './billing.css';

export function BillingBanner() {
  const t = useTexts(BANNER_TEXTS);
  const { locale } = useLocale();
  const owner = canManageBilling(useRole());
  const { data } = useQuery('subscription');
  const banner = bannerFor(data, new Date());
  if (!banner) return null;
  const message =
    banner.kind === 'trial'
      ? banner.daysLeft > 1 ? fill(t.trialMany, { n: banner.daysLeft, date: longDate(banner.endsAt, locale) }) : banner.daysLeft === 1 ? t.trialOne : t.trialEnds
      : banner.kind === 'past_due'
        ? banner.payBefore ? fill(t.pastDue, { date: longDate(banner.payBefore, locale) }) : t.pastDueSoon
        : banner.kind === 'suspended' ? t.suspended : t.cancelled;
  const action = banner.kind === 'trial' ? t.choose : banner.kind === 'cancelled' ? t.choose : t.pay;
  return (
    <div className={`billing-banner ${banner.kind}`} role={banner.kind === 'trial' || banner.kind === 'cancelled' ? 'status' : 'alert'} data-testid="billing-banner" data-kind={banner.kind}>
      <span>{message}</span>
      {banner.kind === 'suspended' ? <span className="muted">{t.suspendedKeeps}</span> : null}
      {owner ? (
        <button type="button" className={`small${banner.kind === 'trial' || banner.kind === 'cancelled' ? '' : ' primary'}`} onClick={() => navigate('billing')}>
          {action}
        </button>
      ) : (
        <span className="muted">{t.askOwner}</span>
      )}
    </div>
  );
}
