/**
 * The directory's JSON API (DESIGN "Public directory"):
 * - GET /api/directory/search?lat=&lng=&radiusKm=&specialty=&priceRange=&q=&page=   public
 * (the owner's statistics, GET /api/directory/stats, are the audience's: audience/routes.ts).
 */
import type { Router } from 'express';
import type { CloudContext } from '../context.js';
import { searchQuerySchema, searchResponseSchema } from './schemas.js';
import { photoPath } from '../../shared/directory/paths.js';

export function mountDirectoryApi(router: Router, ctx: CloudContext): void {
  const directory = ctx.services.directory;

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/directory/search',
      tag: 'directory',
      summary:
        'Chercher un atelier : les profils publiés, les plus proches d’abord (lat, lng, radiusKm : 10 km par défaut), ' +
        'par spécialité, gamme de prix et texte (nom, quartier, ville ; accents et majuscules ignorés), 20 par page.',
      access: 'public',
      query: searchQuerySchema,
      responses: { 200: { description: 'Une page de résultats', schema: searchResponseSchema }, 400: { description: 'Paramètre invalide' } },
    },
    async (_req, res, { query }) => {
      const found = await directory.search(query);
      res.set('Cache-Control', 'public, max-age=60, s-maxage=300, stale-while-revalidate=600');
      res.json({
        results: found.results.map(({ thumbHash, ...result }) => ({ ...result, thumbUrl: thumbHash ? photoPath(result.slug, thumbHash) : null })),
        page: found.page,
        hasMore: found.hasMore,
      });
    },
  );
}
