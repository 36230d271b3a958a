/**
 * Photos uploaded by content hash (SHA-256 of the original bytes), resumable and idempotent:
 * - PUT  /api/files/:hash?kind=…   raw bytes, `Content-Range: bytes start-end/total` per chunk
 *                                  (at most 1 MB a request; no header for a whole small file)
 * - GET  /api/files/:hash/status   {state, received, size, …}: where to resume
 * - GET  /api/files/:hash          the 1200 px WebP (HEAD answers with X-Upload-* headers too)
 * - GET  /api/files/:hash/thumb    the 400 px WebP
 * Only members of the owning workshop see a photo; for anyone else it does not exist (404).
 */
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { CloudContext } from '../context.js';
import { requestLocale } from '../http/errors.js';
import { filesError } from './texts.js';
import { findFile, type FileRecord } from './records.js';
import { fileStatusSchema, hashParams, uploadQuery, type FileStatus } from './schemas.js';
import { BodyTooLargeError, IncompleteBodyError, parseContentRange, readBody, type ChunkRange } from './requestBody.js';
import type { Variant } from './storage.js';
import { MAX_CHUNK_BYTES, MAX_FILE_BYTES } from './uploads.js';
import type { Caller } from '../http/route.js';
import { can } from '../../shared/domain/roles.js';

const CACHE_FOREVER = 'private, max-age=31536000, immutable';


const webp = { schema: z.string().meta({ format: 'binary' }), contentType: 'image/webp' };

function view(record: FileRecord): FileStatus {
  return { hash: record.hash, kind: record.kind, state: record.state, size: record.size, received: record.received, width: record.width, height: record.height };
}

function uploadHeaders(res: Response, record: FileRecord | null): void {
  res.set('X-Upload-State', record?.state ?? 'missing');
  res.set('X-Upload-Received', String(record?.received ?? 0));
  if (record) res.set('X-Upload-Size', String(record.size));
}

function matchesEtag(req: Request, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

export function mountFiles(router: Router, ctx: CloudContext): void {
  const uploads = ctx.services.uploads;

  ctx.api.add(
    router,
    {
      method: 'put',
      path: '/files/:hash',
      tag: 'files',
      summary:
        'Envoyer une photo (ou un morceau : Content-Range bytes début-fin/total, 1 Mo au plus par envoi, 15 Mo au total). ' +
        'Reprise : un morceau doit commencer à « received » ; un morceau déjà reçu est accepté de nouveau ; une photo déjà prête répond 200 sans corps.',
      access: 'member',
      params: hashParams,
      query: uploadQuery,
      rawBody: 'application/octet-stream',
      responses: {
        200: { description: 'Morceau reçu (state uploading) ou photo déjà prête', schema: fileStatusSchema },
        201: { description: 'Dernier morceau reçu : photo vérifiée, convertie et prête', schema: fileStatusSchema },
        400: { description: 'Content-Range invalide, morceau incomplet ou hash_mismatch (empreinte fausse, envoi effacé)' },
        403: { description: 'Un lecteur ne peut pas envoyer de photos' },
        409: { description: 'range_mismatch ou size_mismatch : reprendre à « received »' },
        413: { description: 'Morceau ou photo trop gros' },
        415: { description: 'not_an_image : le fichier n’est pas une photo lisible (rien n’est gardé)' },
      },
    },
    async (req, res, { params, query, caller }) => {
      const locale = requestLocale(req);
      const { workshopId } = caller;
      const encoding = req.headers['content-encoding'];
      if (encoding && encoding.trim().toLowerCase() !== 'identity') throw filesError('unsupported_encoding', locale);
      const claimed = parseContentRange(req.headers['content-range']);
      if (claimed === 'invalid') throw filesError('invalid_range', locale);
      if (claimed && claimed.total > MAX_FILE_BYTES) throw filesError('file_too_large', locale);
      if (claimed && claimed.end - claimed.start + 1 > MAX_CHUNK_BYTES) throw filesError('chunk_too_large', locale);

      // A photo is part of an order (or of the portfolio): whoever may edit orders may send one.
      if (!can(caller.role, 'orders', 'update')) throw filesError('forbidden', locale);
      const current = await ctx.db.withWorkshop(workshopId, (tx) => findFile(tx, workshopId, params.hash));
      if (current?.state === 'ready') {
        res.status(200).json(view(current));
        return;
      }
      // Refuse a chunk from the wrong place before its bytes cost anything more.
      if (claimed && current && current.size === claimed.total) {
        const status = await uploads.status(workshopId, params.hash, current);
        if (claimed.start > status.received) throw filesError('range_mismatch', locale, { received: status.received, size: status.size });
      }

      let body: Buffer;
      try {
        body = await readBody(req, claimed ? claimed.end - claimed.start + 1 : MAX_CHUNK_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          if (claimed) throw filesError('invalid_range', locale);
          throw filesError(Number(req.headers['content-length']) > MAX_FILE_BYTES ? 'file_too_large' : 'chunk_too_large', locale);
        }
        if (error instanceof IncompleteBodyError) throw filesError('incomplete_body', locale);
        throw error;
      }
      let range: ChunkRange;
      if (claimed) {
        if (body.length !== claimed.end - claimed.start + 1) throw filesError('incomplete_body', locale);
        range = claimed;
      } else {
        if (body.length === 0) throw filesError('empty_body', locale);
        range = { start: 0, end: body.length - 1, total: body.length };
      }

      const result = await uploads.receive(workshopId, params.hash, query.kind, range, body, locale);
      res.status(result.completed ? 201 : 200).json(view(result.record));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/files/:hash/status',
      tag: 'files',
      summary: 'Où en est l’envoi d’une photo : octets reçus, taille, état',
      access: 'member',
      params: hashParams,
      responses: {
        200: { description: 'État de la photo', schema: fileStatusSchema },
        404: { description: 'Aucun envoi de cette photo dans l’atelier (reprendre à 0)' },
      },
    },
    async (req, res, { params, caller }) => {
      const locale = requestLocale(req);
      const record = await ctx.db.withWorkshop(caller.workshopId, (tx) => findFile(tx, caller.workshopId, params.hash));
      if (!record) throw filesError('not_found', locale, { received: 0 });
      const status = await uploads.status(caller.workshopId, params.hash, record);
      uploadHeaders(res, status);
      res.set('Cache-Control', 'no-store').json(view(status));
    },
  );

  const serve = (variant: Variant) => async (req: Request, res: Response, hash: string, claims: Caller) => {
    const locale = requestLocale(req);
    const record = await ctx.db.withWorkshop(claims.workshopId, (tx) => findFile(tx, claims.workshopId, hash));
    const status = record ? await uploads.status(claims.workshopId, hash, record) : null;
    uploadHeaders(res, status);
    if (!status || status.state !== 'ready') throw filesError('not_found', locale);
    const etag = `"${hash}"`;
    res.set({ 'Cache-Control': CACHE_FOREVER, ETag: etag });
    if (matchesEtag(req, etag)) {
      res.status(304).end();
      return;
    }
    const data = await uploads.storage.get(claims.workshopId, hash, variant);
    if (!data) {
      req.log?.error({ workshopId: claims.workshopId, hash, variant }, 'photo ready in the database but missing from storage');
      res.removeHeader('Cache-Control');
      res.removeHeader('ETag');
      throw filesError('not_found', locale);
    }
    res.status(200).type('image/webp').send(data);
  };
  const full = serve('full');
  const thumb = serve('thumb');

  const imageResponses = {
    200: { description: 'Image WebP (Cache-Control immutable, ETag = empreinte)', ...webp },
    304: { description: 'Pas modifiée (If-None-Match)' },
    404: { description: 'Pas de photo prête de cette empreinte dans l’atelier' },
  };

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/files/:hash',
      tag: 'files',
      summary: 'La photo, 1200 px au plus (WebP). HEAD donne aussi X-Upload-State / X-Upload-Received / X-Upload-Size.',
      access: 'member',
      params: hashParams,
      responses: imageResponses,
    },
    (req, res, { params, caller }) => full(req, res, params.hash, caller),
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/files/:hash/thumb',
      tag: 'files',
      summary: 'La vignette de la photo, 400 px au plus (WebP)',
      access: 'member',
      params: hashParams,
      responses: imageResponses,
    },
    (req, res, { params, caller }) => thumb(req, res, params.hash, caller),
  );
}
