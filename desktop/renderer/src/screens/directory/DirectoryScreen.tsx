/**
 * "Annuaire", the owner's: the public profile (with the position and the preview), the
 * portfolio, and the statistics of the public page; three parts reached by links (#/directory,
 * #/directory/portfolio, #/directory/stats). Staff and viewers are told to ask the owner.
 */
import { href, type Route } from '../../app/router.js';
import { useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { Page } from '../../ui/components.js';
import { DIRECTORY_TEXTS } from './directoryTexts.js';
import { ProfileEditor } from './ProfileEditor.js';
import { PortfolioManager } from './PortfolioManager.js';
import { StatsPanel } from './StatsPanel.js';
import './directory.css';

const PARTS = ['profile', 'portfolio', 'stats'] as const;
type Part = (typeof PARTS)[number];

export function DirectoryScreen({ route }: { route: Route }) {
  const t = useTexts(DIRECTORY_TEXTS);
  const can = useCan();
  const part: Part = (PARTS as readonly string[]).includes(route.parts[1] ?? '') ? (route.parts[1] as Part) : 'profile';
  if (!can('directory_profile', 'update')) {
    return (
      <Page title={t.title}>
        <p className="card" data-testid="directory-owner-only">{t.ownerOnly}</p>
      </Page>
    );
  }
  const labels: Record<Part, string> = { profile: t.tabProfile, portfolio: t.tabPortfolio, stats: t.tabStats };
  return (
    <Page title={t.title}>
      <nav className="d-tabs" aria-label={t.tabs}>
        {PARTS.map((p) => (
          <a key={p} href={href(p === 'profile' ? 'directory' : `directory/${p}`)} className={p === part ? 'active' : ''} aria-current={p === part ? 'page' : undefined}>
            {labels[p]}
          </a>
        ))}
      </nav>
      {part === 'profile' ? <ProfileEditor /> : part === 'portfolio' ? <PortfolioManager /> : <StatsPanel />}
    </Page>
  );
}
